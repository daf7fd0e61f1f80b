package corpus

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// bom is the UTF-8 byte order mark, allowed before front matter.
const bom = "\uFEFF"

// frontMatter is the YAML block at the top of a Markdown or text article.
type frontMatter struct {
	Title     yaml.Node `yaml:"title"`
	URL       yaml.Node `yaml:"url"`
	Published yaml.Node `yaml:"published"`
}

// splitFrontMatter removes a front matter block from the top of text, fills
// the item's metadata from it and returns the body: what follows the closing
// line, leading blank lines removed. Text without a complete block (an
// opening "---" line and a closing "---" or "..." line) is returned whole.
func splitFrontMatter(path, text string, it *Item) (string, *InputError) {
	block, body, ok := cutFrontMatter(text)
	if !ok {
		return text, nil
	}
	var fm frontMatter
	if err := yaml.Unmarshal([]byte(block), &fm); err != nil {
		return "", invalid(path, 0, BadFrontMatter, "%v", err)
	}
	var err error
	if it.Title, err = scalar(fm.Title, "title"); err != nil {
		return "", invalid(path, 0, BadFrontMatter, "%v", err)
	}
	if it.URL, err = frontURL(fm.URL); err != nil {
		return "", invalid(path, 0, BadFrontMatter, "%v", err)
	}
	if it.PublishedAt, err = frontDate(fm.Published); err != nil {
		return "", invalid(path, 0, BadFrontMatter, "%v", err)
	}
	return body, nil
}

// cutFrontMatter splits text into the YAML block and the body.
func cutFrontMatter(text string) (block, body string, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimPrefix(text, bom), "---")
	if !found {
		return "", "", false
	}
	first, rest, found := strings.Cut(rest, "\n")
	if !found || strings.TrimRight(first, " \t") != "" {
		return "", "", false
	}
	var lines []string
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return strings.Join(lines, "\n"), strings.TrimLeft(rest, "\n"), true
		}
		lines = append(lines, line)
	}
	return "", "", false
}

// scalar returns the value of a scalar node, "" for an absent one.
func scalar(n yaml.Node, field string) (string, error) {
	switch n.Kind {
	case 0:
		return "", nil
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "", nil
		}
		return strings.TrimSpace(n.Value), nil
	default:
		return "", fieldError(field, n, "must be a single value")
	}
}

// frontURL returns the url field, which must be absolute.
func frontURL(n yaml.Node) (string, error) {
	s, err := scalar(n, "url")
	if err != nil || s == "" {
		return s, err
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fieldError("url", n, "is not an absolute URL: "+s)
	}
	return s, nil
}

// dateLayouts are the forms a published date may take.
var dateLayouts = []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", time.DateTime, "2006-01-02 15:04:05Z07:00"}

// frontDate returns the published field as "2006-01-02", or in RFC 3339
// when it has a time of day.
func frontDate(n yaml.Node) (string, error) {
	s, err := scalar(n, "published")
	if err != nil || s == "" {
		return s, err
	}
	if d, ok := parseDate(s); ok {
		return d, nil
	}
	return "", fieldError("published", n, "is not a date (want YYYY-MM-DD): "+s)
}

// parseDate parses s in one of dateLayouts and formats it back.
func parseDate(s string) (string, bool) {
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if layout == time.DateOnly {
			return t.Format(time.DateOnly), true
		}
		return t.Format(time.RFC3339), true
	}
	return "", false
}

// fieldError names a front matter field, its line in the block and the
// problem.
func fieldError(field string, n yaml.Node, problem string) error {
	return fmt.Errorf("line %d: %s %s", n.Line, field, problem)
}
