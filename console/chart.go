package console

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/tasdeeq/tasdeeq/outreach"
)

// chart is a bar chart of the four counts by day, drawn on the server as SVG: no script, prints
// as it shows, and reads the same on a phone.
type chart struct {
	Days   []string
	Series [4][]int64 // new users, checks, high risk, reports
	Max    int64
}

// seriesColours are the bars' colours, in the order of chart.Series; the legend's classes s0-s3
// in console.css are the same.
var seriesColours = [4]string{"#2a7ab0", "#0b6e4f", "#b3261e", "#a64b00"}

func newChart(days []string, byDay map[string]outreach.Counts) chart {
	ch := chart{Days: days}
	for _, d := range days {
		n := byDay[d]
		for i, v := range [4]int64{n.Users, n.Checks, n.High, n.Reports} {
			ch.Series[i] = append(ch.Series[i], v)
			ch.Max = max(ch.Max, v)
		}
	}
	return ch
}

// SVG draws the chart: one group of four bars a day, the tallest bar's value on the axis, the
// first and last days under it. Days run left to right in both languages, like the dates.
func (ch chart) SVG() template.HTML {
	const w, h, top, bottom, left = 720, 200, 16, 24, 36
	n := len(ch.Days)
	if n == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" direction="ltr" xmlns="http://www.w3.org/2000/svg">`, w, h)
	plotH := float64(h - top - bottom)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>`, left, h-bottom, w, h-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#555">%d</text>`, left-4, top+4, ch.Max)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#555">0</text>`, left-4, h-bottom)
	slot := float64(w-left) / float64(n)
	bar := slot / 5
	for d := range n {
		x := float64(left) + float64(d)*slot + bar/2
		for i := range ch.Series {
			v := ch.Series[i][d]
			if v == 0 || ch.Max == 0 {
				continue
			}
			bh := plotH * float64(v) / float64(ch.Max)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %d</title></rect>`,
				x+float64(i)*bar, float64(h-bottom)-bh, bar*0.9, bh, seriesColours[i], ch.Days[d], v)
		}
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="#555">%s</text>`, left, h-6, ch.Days[0])
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#555">%s</text>`, w, h-6, ch.Days[n-1])
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built here from numbers and dates only
}
