package extractor

import (
	"fmt"
	"sort"
	"strings"
)

// knowledge is everything loaded from gazetteer/ and lexicon/: places,
// agencies, organisations, actor roles, word lists, cues and boilerplate
// markers, compiled into token tries.
type knowledge struct {
	lex   *lexicon
	gaz   *gazetteer
	cues  *cueSet
	boil  *boilerplate
	vocab *vocab
}

// loadKnowledge decodes the gazetteer and lexicon files and compiles them.
func loadKnowledge(files []dataFile) (*knowledge, error) {
	var raw rawKnowledge
	for _, f := range files {
		dir := f.path
		if i := strings.IndexByte(dir, '/'); i >= 0 {
			dir = dir[:i]
		}
		if dir != "gazetteer" && dir != "lexicon" {
			continue
		}
		var part rawKnowledge
		if err := decodeStrict(f.data, &part); err != nil {
			return nil, fmt.Errorf("%s: %v", f.path, err)
		}
		if err := raw.merge(&part, f.path); err != nil {
			return nil, err
		}
	}
	lx, err := newLexicon(&raw)
	if err != nil {
		return nil, err
	}
	cues, err := newCueSet(raw.Cues, lx)
	if err != nil {
		return nil, err
	}
	gz, err := newGazetteer(&raw, lx)
	if err != nil {
		return nil, err
	}
	bp, err := newBoilerplate(raw.Boilerplate)
	if err != nil {
		return nil, err
	}
	return &knowledge{lex: lx, gaz: gz, cues: cues, boil: bp}, nil
}

// rawKnowledge is the union of every gazetteer and lexicon file's fields;
// each file fills some of them.
type rawKnowledge struct {
	Countries     []rawCountry           `yaml:"countries"`
	Cities        []rawPlace             `yaml:"cities"`
	Regions       []rawPlace             `yaml:"regions"`
	Agencies      []rawBody              `yaml:"agencies"`
	Organizations []rawBody              `yaml:"organizations"`
	AgencyHeads   []rawHead              `yaml:"agency_heads"`
	OrgHeads      []rawHead              `yaml:"organization_heads"`
	RegionHeads   []string               `yaml:"region_heads"`
	Locations     []string               `yaml:"generic_locations"`
	Roles         []rawRole              `yaml:"roles"`
	Modifiers     []string               `yaml:"modifiers"`
	Quantifiers   []string               `yaml:"quantifiers"`
	GroupNouns    []string               `yaml:"group_nouns"`
	Pronouns      map[string][]string    `yaml:"pronouns"`
	Lists         map[string][]string    `yaml:"lists"`
	Irregular     map[string][]string    `yaml:"irregular"`
	Cues          map[string]rawCue      `yaml:"cues"`
	Boilerplate   *rawBoilerplate        `yaml:"boilerplate"`
	Currencies    []rawCurrency          `yaml:"currencies"`
	Numbers       map[string]float64     `yaml:"numbers"`
	Periods       map[string][]string    `yaml:"periods"`
	Extra         map[string]interface{} `yaml:"notes"`
}

// merge appends another file's content, refusing a list or map defined twice.
func (r *rawKnowledge) merge(p *rawKnowledge, file string) error {
	r.Countries = append(r.Countries, p.Countries...)
	r.Cities = append(r.Cities, p.Cities...)
	r.Regions = append(r.Regions, p.Regions...)
	r.Agencies = append(r.Agencies, p.Agencies...)
	r.Organizations = append(r.Organizations, p.Organizations...)
	r.AgencyHeads = append(r.AgencyHeads, p.AgencyHeads...)
	r.OrgHeads = append(r.OrgHeads, p.OrgHeads...)
	r.RegionHeads = append(r.RegionHeads, p.RegionHeads...)
	r.Locations = append(r.Locations, p.Locations...)
	r.Roles = append(r.Roles, p.Roles...)
	r.Modifiers = append(r.Modifiers, p.Modifiers...)
	r.Quantifiers = append(r.Quantifiers, p.Quantifiers...)
	r.GroupNouns = append(r.GroupNouns, p.GroupNouns...)
	r.Currencies = append(r.Currencies, p.Currencies...)
	if p.Boilerplate != nil {
		if r.Boilerplate != nil {
			return fmt.Errorf("%s: boilerplate defined twice", file)
		}
		r.Boilerplate = p.Boilerplate
	}
	for _, m := range []struct {
		dst *map[string][]string
		src map[string][]string
	}{{&r.Pronouns, p.Pronouns}, {&r.Lists, p.Lists}, {&r.Irregular, p.Irregular}, {&r.Periods, p.Periods}} {
		for k, v := range m.src {
			if *m.dst == nil {
				*m.dst = map[string][]string{}
			}
			if _, dup := (*m.dst)[k]; dup {
				return fmt.Errorf("%s: %q defined twice", file, k)
			}
			(*m.dst)[k] = v
		}
	}
	for k, v := range p.Cues {
		if r.Cues == nil {
			r.Cues = map[string]rawCue{}
		}
		if _, dup := r.Cues[k]; dup {
			return fmt.Errorf("%s: cue category %q defined twice", file, k)
		}
		r.Cues[k] = v
	}
	for k, v := range p.Numbers {
		if r.Numbers == nil {
			r.Numbers = map[string]float64{}
		}
		r.Numbers[k] = v
	}
	return nil
}

type rawCountry struct {
	Code         string   `yaml:"code"`
	Name         string   `yaml:"name"`
	Aliases      []string `yaml:"aliases"`
	Adjectives   []string `yaml:"adjectives"`
	Demonyms     []string `yaml:"demonyms"`
	Capital      string   `yaml:"capital"`
	Regime       string   `yaml:"regime"`
	Intelligence string   `yaml:"intelligence"`
	Currency     string   `yaml:"currency"`
}

type rawPlace struct {
	Name    string   `yaml:"name"`
	Country string   `yaml:"country"`
	Region  string   `yaml:"region"`
	Aliases []string `yaml:"aliases"`
}

type rawBody struct {
	Slug       string     `yaml:"slug"`
	Name       string     `yaml:"name"`
	Country    string     `yaml:"country"`
	Aliases    []rawAlias `yaml:"aliases"`
	Contextual bool       `yaml:"contextual"`
}

// rawAlias is an alias, optionally only valid before one of Next.
type rawAlias struct {
	Text string   `yaml:"text"`
	Next []string `yaml:"next"`
}

// UnmarshalYAML accepts an alias as a plain string or a mapping.
func (a *rawAlias) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		a.Text = s
		return nil
	}
	type plain rawAlias
	var p plain
	if err := unmarshal(&p); err != nil {
		return err
	}
	*a = rawAlias(p)
	return nil
}

type rawHead struct {
	Slug   string   `yaml:"slug"`
	Name   string   `yaml:"name"`
	Forms  []string `yaml:"forms"`
	Bare   bool     `yaml:"bare"`
	Place  bool     `yaml:"place_suffix"`
	Regime bool     `yaml:"regime"`
	Alone  bool     `yaml:"alone"`
	// Intelligence heads name the country's intelligence service where
	// countries.yaml gives one.
	Intelligence bool `yaml:"intelligence"`
}

type rawRole struct {
	Name  string   `yaml:"name"`
	Forms []string `yaml:"forms"`
	As    string   `yaml:"as"`
}

type rawCue struct {
	Modality string `yaml:"modality"`
	Before   int    `yaml:"before"`
	After    int    `yaml:"after"`
	Scope    string `yaml:"scope"`
	Priority int    `yaml:"priority"`
	// Deadline: the cue reaches only an infinitive trigger after a time
	// named right after the cue ("until 2019 to send them home").
	Deadline bool     `yaml:"deadline"`
	Phrases  []string `yaml:"phrases"`
	Except   []string `yaml:"except"`
}

type rawBoilerplate struct {
	Lines   []string `yaml:"drop_lines_containing"`
	Starts  []string `yaml:"drop_lines_starting"`
	Credits []string `yaml:"credit_markers"`
	Prefix  []string `yaml:"drop_prefixes"`
	Byline  []string `yaml:"byline_starts"`
}

type rawCurrency struct {
	Code  string   `yaml:"code"`
	Forms []string `yaml:"forms"`
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
