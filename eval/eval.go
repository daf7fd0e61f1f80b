// Package eval scores extractor output against gold annotations, a Go port
// of the shared score.py: the same matching rules (its norm, strings_match
// and greedy first-fit matching in the same order), the same figures and the
// same printed report. On inputs of the shapes OUTPUT.md and GUIDELINES.md
// describe, the two give identical output; where score.py would stop with a
// Python exception on a malformed input, Score returns an error or treats
// the odd value as absent.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"eventgraph/domain"
)

// coreTypes and extendedTypes are the event types score.py scores.
var (
	coreTypes     = map[string]bool{"DEFECTION": true, "REPATRIATION": true, "QUOTA_DEMAND": true}
	extendedTypes = map[string]bool{"SURVEILLANCE": true, "ARREST": true, "PUNISHMENT": true}
)

// TypeScore is the event mention score of one type.
type TypeScore struct {
	Type string
	PRF
	Found, Gold int
}

// Counts are the raw tallies behind the scores, named as in score.py.
type Counts struct {
	CoreFound, CoreGold, CoreTP int
	ExtFound, ExtGold, ExtTP    int
	ArgFound, ArgGold           int
	ArgTPP, ArgTPR              int
	ModN, ModOK                 int
	EntFound, EntGold           int
	EntTPP, EntTPR              int
}

// Result is a scoring run: the figures score.py prints, and every miss and
// spurious find in the words of its --verbose listing.
type Result struct {
	Core, Extended, Arguments, Entities PRF
	// Modality is the share of matched core mentions whose modality agrees.
	Modality float64
	// PerType is sorted by type name.
	PerType []TypeScore
	Misses  []string
	Counts  Counts
}

// Score scores the JSON Lines in output (one document per line, the
// extract command's output) against the gold files (*.json) in goldDir,
// whose articles are read from articlesDir.
func Score(goldDir, articlesDir string, output io.Reader) (*Result, error) {
	data, err := io.ReadAll(output)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "reading the output: %v", err)
	}
	docs, err := loadOutput(data)
	if err != nil {
		return nil, err
	}
	return scoreDocs(goldDir, articlesDir, docs)
}

// ScoreDocuments scores documents extracted in process, as if they had
// been written as JSON Lines and read back.
func ScoreDocuments(goldDir, articlesDir string, docs []domain.Document) (*Result, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			return nil, domain.Errorf(domain.EINTERNAL, "encoding %s: %v", docs[i].Article.Source, err)
		}
	}
	return Score(goldDir, articlesDir, &buf)
}

// loadOutput reads the documents of the output by article file name (the
// base name of article.source; a later line for the same name wins).
func loadOutput(data []byte) (map[string]any, error) {
	docs := map[string]any{}
	text := normalizeNewlines(string(data))
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimFunc(line, isPySpace)
		if line == "" {
			continue
		}
		doc, err := parseJSON([]byte(line))
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "output line %d is not JSON: %v", n+1, err)
		}
		if _, ok := doc.(*object); !ok {
			return nil, domain.Errorf(domain.EINVALID, "output line %d is not a JSON object", n+1)
		}
		docs[baseName(strOr(getOr(getOr(doc, "article", nil), "source", "")))] = doc
	}
	return docs, nil
}

// baseName is Python's os.path.basename: what follows the last slash.
func baseName(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// normalizeNewlines turns "\r\n" and lone "\r" into "\n", as Python's text
// mode does.
func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// scorer accumulates the tallies over all articles.
type scorer struct {
	t       Counts
	perType map[string]*[3]int // found, gold, matched
	misses  []string
}

// scoreDocs scores every gold file in name order.
func scoreDocs(goldDir, articlesDir string, docs map[string]any) (*Result, error) {
	names, err := goldFiles(goldDir)
	if err != nil {
		return nil, err
	}
	s := &scorer{perType: map[string]*[3]int{}}
	for _, name := range names {
		if err := s.article(filepath.Join(goldDir, name), articlesDir, docs); err != nil {
			return nil, err
		}
	}
	return s.result(), nil
}

// goldFiles lists the *.json files of dir, sorted.
func goldFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "gold directory: %v", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// article scores one gold file.
func (s *scorer) article(goldPath, articlesDir string, docs map[string]any) error {
	gold, art, err := readGold(goldPath)
	if err != nil {
		return err
	}
	text, err := readArticle(articlesDir, art)
	if err != nil {
		return err
	}
	doc, ok := docs[art]
	if !ok {
		s.misses = append(s.misses, art+": no output for this article")
		doc = newObject()
	}
	a := newArticleScore(s, art, text, doc)
	if err := a.goldEvents(gold); err != nil {
		return err
	}
	a.foundEvents()
	a.entities(gold)
	return nil
}

// GoldArticles returns the article file names that the gold files in
// goldDir name, in the order they are scored.
func GoldArticles(goldDir string) ([]string, error) {
	names, err := goldFiles(goldDir)
	if err != nil {
		return nil, err
	}
	arts := make([]string, 0, len(names))
	for _, n := range names {
		_, art, err := readGold(filepath.Join(goldDir, n))
		if err != nil {
			return nil, err
		}
		arts = append(arts, art)
	}
	return arts, nil
}

// readGold reads a gold file and the article file name it names.
func readGold(path string) (any, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", domain.Errorf(domain.EINVALID, "gold file: %v", err)
	}
	gold, err := parseJSON(data)
	if err != nil {
		return nil, "", domain.Errorf(domain.EINVALID, "gold file %s: %v", path, err)
	}
	art, ok := str(getOr(gold, "article", nil))
	if !ok {
		return nil, "", domain.Errorf(domain.EINVALID, "gold file %s: no \"article\" file name", path)
	}
	if _, ok := get(gold, "events"); !ok {
		return nil, "", domain.Errorf(domain.EINVALID, "gold file %s: no \"events\" list", path)
	}
	return gold, art, nil
}

// readArticle reads an article's text as Python's text mode does.
func readArticle(dir, name string) (string, error) {
	path := name
	if !filepath.IsAbs(name) {
		path = filepath.Join(dir, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "article: %v", err)
	}
	if !utf8.Valid(data) {
		return "", domain.Errorf(domain.EINVALID, "article %s is not valid UTF-8", path)
	}
	return normalizeNewlines(string(data)), nil
}

// result computes the scores from the tallies.
func (s *scorer) result() *Result {
	t := s.t
	r := &Result{
		Core:      prf(t.CoreTP, t.CoreFound, t.CoreTP, t.CoreGold),
		Extended:  prf(t.ExtTP, t.ExtFound, t.ExtTP, t.ExtGold),
		Arguments: prf(t.ArgTPP, t.ArgFound, t.ArgTPR, t.ArgGold),
		Entities:  prf(t.EntTPP, t.EntFound, t.EntTPR, t.EntGold),
		Misses:    s.misses,
		Counts:    t,
	}
	if t.ModN > 0 {
		r.Modality = float64(t.ModOK) / float64(t.ModN)
	}
	types := make([]string, 0, len(s.perType))
	for typ := range s.perType {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		v := s.perType[typ]
		r.PerType = append(r.PerType, TypeScore{Type: typ, PRF: prf(v[2], v[0], v[2], v[1]), Found: v[0], Gold: v[1]})
	}
	return r
}

// typeCount returns the per-type tallies of typ, created on first use.
func (s *scorer) typeCount(typ string) *[3]int {
	pt, ok := s.perType[typ]
	if !ok {
		pt = &[3]int{}
		s.perType[typ] = pt
	}
	return pt
}

// missf records a miss.
func (s *scorer) missf(format string, args ...any) {
	s.misses = append(s.misses, fmt.Sprintf(format, args...))
}
