// Package mapgen generates realistic, valid journey maps of any size for
// benchmarks and stress tests. Output is deterministic.
package mapgen

import (
	"bytes"
	"fmt"
)

// Map returns a valid oracle-cx map with n touchpoints spread over eight
// stages, every touchpoint with channel, owner, emotion (both forms), pains,
// opportunities and metrics in all their forms. The output depends only on
// seed (the map's id) and n.
func Map(seed uint64, n int) []byte {
	stages := []string{"need", "research", "select", "purchase", "receive", "use", "maintain", "recommend"}
	names := []string{"Necesidad", "Investigación", "Selección", "Compra", "Recepción", "Uso", "Mantenimiento", "Recomendación"}
	channels := []string{"web", "app", "phone", "branch", "mail"}
	owners := []string{"marketing", "sales", "service", "claims", "it"}
	var b bytes.Buffer
	b.WriteString("# yaml-language-server: $schema=../schema/journey.schema.json\n")
	fmt.Fprintf(&b, "version: 1\nid: generated-%d\ntitle: Mapa generado con %d puntos de contacto — cotización\n", seed, n)
	b.WriteString("description: Mapa sintético para medir el cargador.\nowner: cx-team\ntags: [benchmark, seguros]\nlocale: es\nstate: current\nmodel: oracle-cx\n")
	b.WriteString("personas:\n  - id: marta\n    name: Marta\n    description: 34 años, compara todo desde el móvil.\n    goals: [Proteger su casa sin pagar de más]\n    needs: [Precio claro, Contratar en minutos]\n    frustrations: [Letra pequeña]\n    quote: \"No quiero llamar a nadie.\"\n")
	b.WriteString("  - id: jorge\n    name: Jorge\n    goals: [Renovar sin sorpresas]\n")
	b.WriteString("channels:\n  - {id: web, name: Sitio web, kind: digital}\n  - {id: app, name: App móvil, kind: digital}\n  - {id: phone, name: Teléfono, kind: human}\n  - {id: branch, name: Oficina, kind: physical}\n  - {id: mail, name: Carta, kind: print}\n")
	b.WriteString("owners:\n  - {id: marketing, name: Marketing}\n  - {id: sales, name: Ventas}\n  - {id: service, name: Atención al cliente, description: Centro de contacto}\n  - {id: claims, name: Siniestros}\n  - {id: it, name: Tecnología}\n")
	b.WriteString("targets: {nps: 30, ces: 5.5, csat: 80}\nstages:\n")
	tp := 0
	for s, id := range stages {
		count := n / len(stages)
		if s < n%len(stages) {
			count++
		}
		if count == 0 {
			continue
		}
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    model_stage: %s\n    goal: Avanzar en la etapa de %s\n    touchpoints:\n", id, names[s], id, names[s])
		for range count {
			tp++
			fmt.Fprintf(&b, "      - id: tp-%d\n        name: Punto de contacto número %d\n", tp, tp)
			fmt.Fprintf(&b, "        channel: %s\n        owner: %s\n", channels[tp%len(channels)], owners[tp%len(owners)])
			b.WriteString("        action: Compara precios en su móvil y rellena el formulario\n        thought: \"¿Cuánto me costará al final?\"\n")
			if tp%2 == 0 {
				fmt.Fprintf(&b, "        emotion: %d\n", 1+tp%5)
			} else {
				fmt.Fprintf(&b, "        emotion: {marta: %d, jorge: %d.5}\n", 1+tp%5, tp%4+1)
			}
			b.WriteString("        pains:\n          - Pide demasiados datos antes de dar precio\n          - text: La letra pequeña no se entiende\n            severity: high\n            evidence: 12 de 14 entrevistas\n")
			fmt.Fprintf(&b, "        opportunities:\n          - Precio orientativo con cinco datos\n          - {text: Resumen de coberturas en lenguaje claro, owner: %s, status: planned, impact: %d, effort: %d}\n", owners[(tp+1)%len(owners)], 1+tp%5, 1+(tp+2)%5)
			if tp%7 == 0 {
				b.WriteString("        moment_of_truth: fmot\n")
			}
			if tp%3 == 0 && tp+2 <= n {
				fmt.Fprintf(&b, "        next: [tp-%d, tp-%d]\n", tp+1, tp+2)
			}
			b.WriteString("        metrics:\n")
			switch tp % 3 {
			case 0:
				fmt.Fprintf(&b, "          nps: {promoters: %d, passives: 35, detractors: 25}\n          ces: {mean: 4.8, n: 210}\n          csat: {satisfied: 160, total: 200}\n", 40+tp)
			case 1:
				b.WriteString("          nps: {score: 12.5, n: 300}\n          ces: {distribution: {1: 3, 2: 5, 3: 10, 4: 22, 5: 40, 6: 30, 7: 12}, scale: 7}\n          csat: {distribution: {1: 2, 2: 4, 3: 10, 4: 30, 5: 25}}\n")
			default:
				b.WriteString("          nps:\n            distribution: {0: 1, 1: 0, 2: 2, 3: 1, 4: 3, 5: 5, 6: 8, 7: 20, 8: 25, 9: 30, 10: 18}\n          ces: {mean: 3.9, n: 80, scale: 5, reversed: false}\n")
			}
			b.WriteString("          kpis:\n            - {name: Conversión, value: 1.9, target: 2.5, unit: \"%\", better: higher}\n            - {name: Tiempo medio, value: 340, unit: s, better: lower}\n")
		}
	}
	b.WriteString("sources:\n  - path: data/encuesta.csv\n    columns: {touchpoint: tp, nps: recomendaria, ces: esfuerzo, segment: plan, date: fecha}\n")
	return b.Bytes()
}
