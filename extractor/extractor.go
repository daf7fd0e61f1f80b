// Package extractor turns the text of a news article into typed entities and
// event mentions with evidence. It is pure: no I/O at extraction time, no
// package-level mutable state, and the loaded rules and gazetteers live in an
// *Extractor that many goroutines may share.
package extractor

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"unicode/utf8"

	"eventgraph/domain"
)

// MaxTextBytes is the largest article Extract accepts; larger input is
// refused with an error instead of being processed.
const MaxTextBytes = 8 << 20

// codeVersion changes whenever the extraction code changes behaviour; it is
// part of Version.
const codeVersion = "x3"

//go:embed rules gazetteer lexicon
var embedded embed.FS

// ErrTooLarge is returned by Extract for text over MaxTextBytes.
var ErrTooLarge = errors.New("extractor: text larger than MaxTextBytes")

// ErrInvalidUTF8 is returned by Extract for text that is not valid UTF-8.
var ErrInvalidUTF8 = errors.New("extractor: text is not valid UTF-8")

// ErrInternal is returned by Extract when a defect of the extractor stops
// it on one text; callers skip that text and go on with the rest.
var ErrInternal = errors.New("extractor: internal error")

// Extractor holds the compiled rules, cues and gazetteers. It is immutable
// after construction and safe for concurrent use.
type Extractor struct {
	rules   []*Rule
	data    *knowledge
	trig    *triggerIndex
	version string
	pool    sync.Pool // *doc working states for reuse
}

// New returns an extractor built from the rules and gazetteers embedded in
// the binary.
func New() (*Extractor, error) {
	return NewFromFS(embedded)
}

// NewFromFS returns an extractor built from a directory tree with the same
// layout as the embedded data: rules/<type>/<id>.yaml, gazetteer/*.yaml and
// lexicon/*.yaml.
func NewFromFS(fsys fs.FS) (*Extractor, error) {
	files, err := readDataFiles(fsys)
	if err != nil {
		return nil, err
	}
	k, err := loadKnowledge(files)
	if err != nil {
		return nil, err
	}
	rules, err := loadRules(files, k)
	if err != nil {
		return nil, err
	}
	trig := buildTriggerIndex(rules)
	tries := []*trie{trig.t, k.lex.currency, k.cues.t, k.cues.except,
		k.gaz.names.t, k.gaz.heads.t, k.gaz.roleD.t, k.gaz.modsD.t, k.gaz.quant.t, k.gaz.group.t}
	constraints := len(tries)
	for _, r := range rules {
		for _, cs := range [][]constraint{r.compiled.requires, r.compiled.excludes} {
			for _, c := range cs {
				for _, t := range []*trie{c.before, c.after, c.near, c.sentence} {
					if t != nil {
						tries = append(tries, t)
					}
				}
			}
		}
	}
	v, err := buildVocab(k.lex, tries)
	if err != nil {
		return nil, err
	}
	for _, t := range []*trie{k.gaz.names.t, k.gaz.heads.t, k.gaz.roleD.t, k.gaz.modsD.t, k.gaz.quant.t, k.gaz.group.t} {
		v.markStarters(t, flNPStart)
	}
	v.markStarters(k.lex.currency, flAmountStart)
	v.markStarters(k.cues.t, flCueStart)
	v.markStarters(k.cues.except, flCueStart)
	markTimeStarts(v)
	for _, t := range tries {
		t.densify(len(v.tags))
	}
	trig.t.useStartFlag(v, flTrigStart)
	v.table = newWordTable(v.ids)
	g := k.gaz
	ds := []*dict{g.names, g.heads, g.roleD, g.modsD, g.quant, g.group}
	if err := v.markDictStarters(ds); err != nil {
		return nil, err
	}
	for _, dc := range ds {
		dc.markPlain(len(v.tags))
	}
	g.bodies, g.nats = 1<<6, 1<<7
	v.markKindStarters(g.names, g.bodies, func(e *dictEntry) bool { return e.kind == ekAgency || e.kind == ekOrg })
	v.markKindStarters(g.names, g.nats, func(e *dictEntry) bool {
		return e.kind == ekAdjective || e.kind == ekCountry || e.kind == ekCity && g.capitalOf(e.ref) >= 0
	})
	v.numbers = make([]float64, len(v.tags))
	for w, x := range k.lex.numbers {
		v.numbers[v.ids[w]] = x
	}
	k.vocab = v
	// The tries of triggers, cues and constraints are walked by the
	// matcher only: they keep just their flat form.
	for _, t := range append([]*trie{trig.t, k.cues.t, k.cues.except}, tries[constraints:]...) {
		t.flatten()
	}
	for _, t := range tries {
		t.release()
	}
	for _, r := range rules {
		r.compiled.paths = nil // in the trigger index now
		r.compiled.setWordIDs(v)
	}
	return &Extractor{rules: rules, data: k, trig: trig, version: versionOf(files)}, nil
}

// dataFile is one loaded data file: its slash-separated path and content.
type dataFile struct {
	path string
	data []byte
}

// readDataFiles reads every .yaml file under rules/, gazetteer/ and lexicon/
// in path order.
func readDataFiles(fsys fs.FS) ([]dataFile, error) {
	var files []dataFile
	for _, root := range []string{"rules", "gazetteer", "lexicon"} {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !isYAML(p) {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files = append(files, dataFile{path: p, data: b})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("extractor: reading %s: %w", root, err)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, nil
}

func isYAML(p string) bool {
	n := len(p)
	return (n > 5 && p[n-5:] == ".yaml") || (n > 4 && p[n-4:] == ".yml")
}

// versionOf hashes the data files and the code version into a short id.
func versionOf(files []dataFile) string {
	h := sha256.New()
	h.Write([]byte(codeVersion))
	for _, f := range files {
		fmt.Fprintf(h, "\x00%s\x00%d\x00", f.path, len(f.data))
		h.Write(f.data)
	}
	return codeVersion + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// Version returns a short hash of the rules, gazetteers and code version; it
// is stored with extracted documents as their extractorVersion.
func (x *Extractor) Version() string { return x.version }

// Rules returns the loaded rules in id order.
func (x *Extractor) Rules() []Rule {
	out := make([]Rule, len(x.rules))
	for i, r := range x.rules {
		out[i] = *r
	}
	return out
}

// Extract reads one article and returns its entities and events. It is
// deterministic and does no I/O; it fails for text that is not valid
// UTF-8 or is longer than MaxTextBytes, and with ErrInternal, instead of
// crashing the caller's batch, should a defect make it panic.
func (x *Extractor) Extract(source, text string) (domain.Document, error) {
	return x.ExtractInto(new(Output), source, text)
}

// ExtractInto is Extract for callers that are done with each document
// before they extract the next (to encode it, say): the document's
// entities, events, mentions, aliases and arguments live in out's arrays,
// which the next call with the same out reuses. That spares the
// allocation of the output and most of the garbage collector's work.
func (x *Extractor) ExtractInto(out *Output, source, text string) (doc domain.Document, err error) {
	if len(text) > MaxTextBytes {
		return domain.Document{}, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(text))
	}
	if !utf8.ValidString(text) {
		return domain.Document{}, ErrInvalidUTF8
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = domain.Document{}, fmt.Errorf("%w: %v", ErrInternal, r)
		}
	}()
	return x.extract(source, text, out), nil
}
