package eval

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
)

// PrintOptions choose the parts of the report, like score.py's flags.
type PrintOptions struct {
	// JSON prints the scores as score.py --json does, before the summary.
	JSON bool
	// Verbose lists every miss and spurious find before the summary.
	Verbose bool
}

// Print writes the report exactly as score.py prints it.
func (r *Result) Print(w io.Writer, opts PrintOptions) error {
	bw := bufio.NewWriter(w)
	if opts.JSON {
		bw.WriteString(r.pyJSON())
		bw.WriteByte('\n')
	}
	if opts.Verbose {
		for _, m := range r.Misses {
			fmt.Fprintf(bw, "  %s\n", m)
		}
	}
	bw.WriteString(r.Summary())
	return bw.Flush()
}

// Summary is the report's figures without the misses, as score.py prints
// them: one line per score, one per event type, the modality agreement and
// a last line "core_event_f1=X arg_f1=Y entity_f1=Z".
func (r *Result) Summary() string {
	var b strings.Builder
	for _, s := range []struct {
		name string
		PRF
	}{{"core", r.Core}, {"extended", r.Extended}, {"arguments", r.Arguments}, {"entities", r.Entities}} {
		fmt.Fprintf(&b, "%-10s P=%.3f R=%.3f F1=%.3f\n", s.name, s.P, s.R, s.F1)
	}
	for _, t := range r.PerType {
		fmt.Fprintf(&b, "  %-13s P=%.3f R=%.3f F1=%.3f (found %d, gold %d)\n", t.Type, t.P, t.R, t.F1, t.Found, t.Gold)
	}
	fmt.Fprintf(&b, "modality agreement on matched core mentions: %.3f\n", r.Modality)
	fmt.Fprintf(&b, "core_event_f1=%.3f arg_f1=%.3f entity_f1=%.3f\n", r.Core.F1, r.Arguments.F1, r.Entities.F1)
	return b.String()
}

// pyJSON renders the scores as Python's json.dumps(..., indent=1) renders
// score.py's result without its misses.
func (r *Result) pyJSON() string {
	j := &pyWriter{}
	j.open('{')
	for _, s := range []struct {
		name string
		PRF
	}{{"core", r.Core}, {"extended", r.Extended}, {"arguments", r.Arguments}, {"entities", r.Entities}} {
		j.key(s.name)
		j.floats(s.P, s.R, s.F1)
	}
	j.key("modality")
	j.scalar(pyFloat(r.Modality))
	j.key("per_type")
	j.open('{')
	for _, t := range r.PerType {
		j.key(t.Type)
		j.open('[')
		for _, f := range []float64{t.P, t.R, t.F1} {
			j.item()
			j.scalar(pyFloat(f))
		}
		for _, n := range []int{t.Found, t.Gold} {
			j.item()
			j.scalar(strconv.Itoa(n))
		}
		j.close(']')
	}
	j.close('}')
	j.key("counts")
	j.counts(r.Counts)
	j.close('}')
	return j.b.String()
}

// pyWriter writes JSON laid out as Python's json module does with indent=1:
// one member per line, one space of indent per level, "[]" and "{}" for
// empty containers, non-ASCII characters escaped.
type pyWriter struct {
	b     strings.Builder
	depth int
	first []bool // per open container: no member written yet
}

func (j *pyWriter) open(c byte) {
	j.b.WriteByte(c)
	j.depth++
	j.first = append(j.first, true)
}

func (j *pyWriter) close(c byte) {
	empty := j.first[len(j.first)-1]
	j.first = j.first[:len(j.first)-1]
	j.depth--
	if !empty {
		j.newline()
	}
	j.b.WriteByte(c)
}

// item starts a member of the open container.
func (j *pyWriter) item() {
	if !j.first[len(j.first)-1] {
		j.b.WriteByte(',')
	}
	j.first[len(j.first)-1] = false
	j.newline()
}

func (j *pyWriter) newline() {
	j.b.WriteByte('\n')
	j.b.WriteString(strings.Repeat(" ", j.depth))
}

func (j *pyWriter) key(k string) {
	j.item()
	j.b.WriteString(pyJSONString(k))
	j.b.WriteString(": ")
}

func (j *pyWriter) scalar(s string) { j.b.WriteString(s) }

// floats writes a list of floats.
func (j *pyWriter) floats(fs ...float64) {
	j.open('[')
	for _, f := range fs {
		j.item()
		j.scalar(pyFloat(f))
	}
	j.close(']')
}

// counts writes the tallies under score.py's names, in its order.
func (j *pyWriter) counts(c Counts) {
	j.open('{')
	for _, kv := range []struct {
		k string
		v int
	}{
		{"core_found", c.CoreFound}, {"core_gold", c.CoreGold}, {"core_tp", c.CoreTP},
		{"ext_found", c.ExtFound}, {"ext_gold", c.ExtGold}, {"ext_tp", c.ExtTP},
		{"arg_found", c.ArgFound}, {"arg_gold", c.ArgGold}, {"arg_tp_p", c.ArgTPP}, {"arg_tp_r", c.ArgTPR},
		{"mod_n", c.ModN}, {"mod_ok", c.ModOK},
		{"ent_found", c.EntFound}, {"ent_gold", c.EntGold}, {"ent_tp_p", c.EntTPP}, {"ent_tp_r", c.EntTPR},
	} {
		j.key(kv.k)
		j.scalar(strconv.Itoa(kv.v))
	}
	j.close('}')
}

// pyJSONString quotes s as Python's json module does with ensure_ascii.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r > 0x7e && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
