package loggen

import (
	"fmt"
	"time"
)

// Seguro is the home-insurance journey of examples/seguro-hogar, as its
// systems log it: web analytics, the app, the CRM and the call centre,
// with Spanish activity names. Most activities are named as the map's
// touchpoints (by id or by name), some as the web analytics tool calls
// them (mapped under the map's events.activities), and two are system
// events the map has no touchpoint for.
func Seguro() Model {
	min, hour, day := time.Minute, time.Hour, 24*time.Hour
	return Model{
		Start: []Branch{{"anuncio", 0.45}, {"banco", 0.15}, {"comparador", 0.40}},
		Steps: map[string]Step{
			"anuncio":    {Activity: "Anuncio en Instagram", Channel: "redes", Resource: "Marketing digital", Dwell: 2 * hour, Next: []Branch{{"coberturas", 0.55}, {"opiniones", 0.15}}},
			"banco":      {Activity: "oferta-banco", Channel: "sucursal-banco", Resource: "Venta directa", Dwell: 2 * day, Next: []Branch{{"cotizador", 0.50}, {"llamada", 0.20}}},
			"comparador": {Activity: "Comparador de seguros", Channel: "comparador", Resource: "Marketing digital", Dwell: 30 * min, Next: []Branch{{"coberturas", 0.45}, {"opiniones", 0.15}, {"contratar", 0.05}}},
			"coberturas": {Activity: "Página de coberturas vista", Channel: "web", Resource: "Marketing digital", Dwell: 10 * min, Next: []Branch{{"opiniones", 0.25}, {"cotizador", 0.55}}},
			"opiniones":  {Activity: "opiniones", Channel: "redes", Dwell: 1 * hour, Next: []Branch{{"cotizador", 0.60}}},
			"cotizador":  {Activity: "Formulario enviado", Channel: "web", Resource: "Venta directa", Dwell: 8 * min, Next: []Branch{{"precio", 0.80}, {"sesion", 0.08}}},
			"sesion":     {Activity: "Sesión caducada", Channel: "web", Resource: "Tecnología", Dwell: 5 * min, Next: []Branch{{"cotizador", 0.55}}},
			"precio":     {Activity: "Precio mostrado", Channel: "web", Resource: "Venta directa", Dwell: 20 * min, Next: []Branch{{"contratar", 0.38}, {"llamada", 0.22}, {"presupuesto", 0.15}, {"cotizador", 0.08}}},
			"llamada":    {Activity: "Llamada para resolver dudas antes de contratar", Channel: "telefono", Resource: "Venta directa", Dwell: 1 * day, Next: []Branch{{"contratar", 0.62}}},
			"presupuesto": {Activity: "Presupuesto enviado por correo", Channel: "email", Resource: "Venta directa", Dwell: 3 * day,
				Next: []Branch{{"contratar", 0.45}, {"llamada", 0.15}}},
			"contratar": {Activity: "contratacion-online", Channel: "web", Resource: "Venta directa", Dwell: 15 * min, Next: []Branch{{"firma", 0.85}, {"pago", 0.10}}},
			"pago":      {Activity: "Error de pago", Channel: "web", Resource: "Tecnología", Dwell: 10 * min, Next: []Branch{{"contratar", 0.50}, {"llamada", 0.30}}},
			"firma":     {Activity: "firma-digital", Channel: "web", Resource: "Operaciones y emisión", Dwell: 1 * hour, Next: []Branch{{"bienvenida", 0.97}}},
			"bienvenida": {Activity: "Correo de bienvenida con la documentación", Channel: "email", Resource: "Operaciones y emisión", Dwell: 2 * day,
				Next: []Branch{{"certificado", 0.25}, {"papel", 0.20}, {"app", 0.50}}},
			"certificado": {Activity: "certificado-banco", Channel: "telefono", Resource: "Atención al cliente", Dwell: 3 * day, Next: []Branch{{"papel", 0.40}, {"app", 0.50}}},
			"papel":       {Activity: "poliza-papel", Channel: "correo-postal", Resource: "Operaciones y emisión", Dwell: 5 * day, Next: []Branch{{"app", 0.70}}},
			"app":         {Activity: "Alta en la app Mi Nortia", Channel: "app", Resource: "Operaciones y emisión", Dwell: 40 * day, Next: []Branch{{"parte", 0.18}, {"cambio", 0.20}, {"aviso", 0.50}}},
			"parte":       {Activity: "Parte de siniestro abierto", Channel: "app", Resource: "Siniestros", Dwell: 2 * day, Next: []Branch{{"perito", 0.90}}},
			"perito":      {Activity: "visita-perito", Channel: "domicilio", Resource: "Siniestros", Dwell: 6 * day, Next: []Branch{{"reparacion", 0.85}, {"parte", 0.05}}},
			"reparacion":  {Activity: "reparacion", Channel: "domicilio", Resource: "Siniestros", Dwell: 8 * day, Next: []Branch{{"indemnizacion", 0.80}, {"aviso", 0.15}}},
			"indemnizacion": {Activity: "indemnizacion", Channel: "email", Resource: "Siniestros", Dwell: 20 * day,
				Next: []Branch{{"aviso", 0.85}}},
			"cambio":    {Activity: "cambio-datos", Channel: "app", Resource: "Atención al cliente", Dwell: 30 * day, Next: []Branch{{"aviso", 0.80}}},
			"aviso":     {Activity: "Carta de renovación con subida de prima", Channel: "correo-postal", Resource: "Fidelización y renovaciones", Dwell: 10 * day, Next: []Branch{{"retencion", 0.40}, {"renovada", 0.45}}},
			"retencion": {Activity: "llamada-retencion", Channel: "telefono", Resource: "Fidelización y renovaciones", Dwell: 1 * day, Next: []Branch{{"renovada", 0.55}, {"baja", 0.45}}},
			"baja":      {Activity: "baja-poliza", Channel: "telefono", Resource: "Fidelización y renovaciones", Dwell: 1 * hour},
			"renovada":  {Activity: "renovacion-confirmada", Channel: "email", Resource: "Fidelización y renovaciones", Dwell: 15 * day, Next: []Branch{{"encuesta", 0.35}, {"resena", 0.10}}},
			"encuesta":  {Activity: "encuesta-nps", Channel: "email", Resource: "Atención al cliente", Dwell: 5 * day, Next: []Branch{{"resena", 0.15}, {"amigos", 0.10}}},
			"resena":    {Activity: "resena-google", Channel: "redes", Resource: "Atención al cliente", Dwell: 5 * day, Next: []Branch{{"amigos", 0.10}}},
			"amigos":    {Activity: "Programa «Trae a un amigo»", Channel: "email", Resource: "Fidelización y renovaciones", Dwell: 1 * day},
		},
	}
}

// Synthetic is a journey of n activities ("Actividad 1" ... "Actividad n")
// in a chain, where each step also jumps ahead, loops back or ends, so that
// a log of millions of cases has many variants and edges, for benchmarks.
func Synthetic(n int) Model {
	m := Model{Steps: map[string]Step{}, Start: []Branch{{"a1", 0.7}, {"a2", 0.3}}}
	channels := []string{"web", "app", "telefono", "email"}
	for i := 1; i <= n; i++ {
		s := Step{Activity: fmt.Sprintf("Actividad %d", i), Channel: channels[i%len(channels)], Resource: fmt.Sprintf("Equipo %d", i%7), Dwell: time.Duration(i%13+1) * time.Minute}
		if i < n {
			s.Next = append(s.Next, Branch{fmt.Sprintf("a%d", i+1), 0.86})
		}
		if i+2 <= n {
			s.Next = append(s.Next, Branch{fmt.Sprintf("a%d", i+2), 0.06})
		}
		if i > 1 {
			s.Next = append(s.Next, Branch{fmt.Sprintf("a%d", i-1), 0.04})
		}
		m.Steps[fmt.Sprintf("a%d", i)] = s
	}
	return m
}
