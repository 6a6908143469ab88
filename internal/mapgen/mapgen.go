// Package mapgen generates realistic, valid journey maps of any size for
// benchmarks and stress tests. Output is deterministic for a given seed.
package mapgen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

var (
	stageIDs   = []string{"need", "research", "select", "purchase", "receive", "use", "maintain", "recommend"}
	stageNames = []string{"Necesidad", "Investigación", "Selección", "Compra", "Recepción", "Uso", "Mantenimiento", "Recomendación"}
	channels   = [][3]string{{"web", "Sitio web", "digital"}, {"app", "App móvil", "digital"}, {"phone", "Teléfono", "human"}, {"branch", "Oficina", "physical"}, {"mail", "Carta postal", "print"}}
	owners     = [][2]string{{"marketing", "Marketing"}, {"sales", "Ventas"}, {"service", "Atención al cliente"}, {"claims", "Siniestros"}, {"it", "Tecnología"}}
	actions    = []string{"Compara precios en su móvil", "Llama para resolver una duda", "Rellena el formulario de cotización", "Lee las condiciones con calma", "Espera la confirmación por correo"}
	pains      = []string{"Pide demasiados datos antes de dar precio", "No sabe en qué estado está su solicitud", "La letra pequeña no se entiende", "Tiene que repetir su historia a cada agente"}
	opps       = []string{"Precio orientativo con cinco datos", "Seguimiento del estado en la app", "Resumen de coberturas en lenguaje claro", "Ficha única del cliente para los agentes"}
)

// Map returns a valid oracle-cx map with the given number of touchpoints,
// spread over eight stages, each with channel, owner, emotion, pains,
// opportunities and metrics. seed picks the content.
func Map(seed uint64, touchpoints int) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	var b bytes.Buffer
	fmt.Fprintf(&b, "version: 1\nid: generated-%d\ntitle: Mapa generado número %d — señales de ñandú\n", seed, seed)
	b.WriteString("description: Mapa sintético para medir el rendimiento.\nlocale: es\nmodel: oracle-cx\ntags: [benchmark, seguros]\n")
	b.WriteString("persona:\n  name: Marta\n  description: 34 años, compara todo desde el móvil.\n  goals: [Proteger su casa sin pagar de más]\n")
	b.WriteString("channels:\n")
	for _, c := range channels {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: %s}\n", c[0], c[1], c[2])
	}
	b.WriteString("owners:\n")
	for _, o := range owners {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", o[0], o[1])
	}
	b.WriteString("targets: {nps: 30, ces: 5.5, csat: 80}\nstages:\n")
	n := 0
	for s, id := range stageIDs {
		count := touchpoints / len(stageIDs)
		if s < touchpoints%len(stageIDs) {
			count++
		}
		if count == 0 {
			continue
		}
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    goal: %s\n    touchpoints:\n", id, stageNames[s], actions[s%len(actions)])
		for range count {
			n++
			c := channels[r.IntN(len(channels))]
			o := owners[r.IntN(len(owners))]
			fmt.Fprintf(&b, "      - id: tp-%d\n        name: Punto de contacto %d\n        channel: %s\n        owner: %s\n", n, n, c[0], o[0])
			fmt.Fprintf(&b, "        action: %s\n        thought: \"¿Cuánto tardarán en responder?\"\n        emotion: %d\n", actions[r.IntN(len(actions))], 1+r.IntN(5))
			fmt.Fprintf(&b, "        pains:\n          - %s\n          - {text: %s, severity: high, evidence: 120 llamadas al mes}\n", pains[r.IntN(len(pains))], pains[r.IntN(len(pains))])
			fmt.Fprintf(&b, "        opportunities:\n          - text: %s\n            owner: %s\n            status: idea\n            impact: %d\n            effort: %d\n", opps[r.IntN(len(opps))], o[0], 1+r.IntN(5), 1+r.IntN(5))
			p, q := 20+r.IntN(60), 10+r.IntN(40)
			d := 10 + r.IntN(50)
			fmt.Fprintf(&b, "        metrics:\n          nps: {promoters: %d, passives: %d, detractors: %d}\n          ces: {mean: %.1f, n: %d}\n          csat: {satisfied: %d, total: %d}\n",
				p, q, d, 3+r.Float64()*3.5, 30+r.IntN(200), 40+r.IntN(60), 100+r.IntN(50))
			fmt.Fprintf(&b, "          kpis:\n            - {name: Conversión, value: %.1f, target: 3.5, unit: \"%%\"}\n", r.Float64()*5)
		}
	}
	return b.Bytes()
}
