package corpus

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Canvas: true, atom.Title: true,
}

// blocks are elements that start a new paragraph.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true,
	atom.Caption: true, atom.Body: true,
}

// htmlText accumulates the visible text of an HTML page: paragraphs
// separated by a blank line, white space inside a paragraph collapsed
// (except in <pre>).
type htmlText struct {
	b       strings.Builder
	skip    int  // depth inside skipped elements
	pre     int  // depth inside <pre>
	space   bool // a space is pending before the next word
	breaks  int  // newlines pending before the next word
	title   strings.Builder
	inTitle bool // inside the document's first <title>
	titled  bool // that <title> has ended
}

// stripHTML returns the visible text of an HTML page and fills the item's
// title, URL and publication date from <title>, canonical links and meta
// tags.
func stripHTML(src string, it *Item) string {
	var h htmlText
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			h.start(tok, tt == html.SelfClosingTagToken, it)
		case html.EndTagToken:
			h.end(tok.DataAtom)
		case html.TextToken:
			h.text(tok.Data)
		}
	}
	if it.Title == "" {
		it.Title = collapse(h.title.String())
	}
	return h.b.String()
}

// start handles an opening tag.
func (h *htmlText) start(tok html.Token, selfClosing bool, it *Item) {
	a := tok.DataAtom
	switch a {
	case atom.Meta, atom.Link:
		metadata(tok, it)
	case atom.Br:
		h.lineBreak(1)
	case atom.Pre:
		h.pre++
	case atom.Title:
		h.inTitle = h.skip == 0 && !h.titled
	}
	if skipped[a] && !selfClosing {
		h.skip++
	}
	if blocks[a] {
		h.lineBreak(2)
	}
}

// end handles a closing tag.
func (h *htmlText) end(a atom.Atom) {
	switch {
	case a == atom.Title:
		h.titled = h.titled || h.inTitle
		h.inTitle = false
	case a == atom.Pre && h.pre > 0:
		h.pre--
	}
	if skipped[a] && h.skip > 0 {
		h.skip--
	}
	if blocks[a] {
		h.lineBreak(2)
	}
}

// text handles a run of (already unescaped) text.
func (h *htmlText) text(s string) {
	if h.inTitle {
		h.title.WriteString(s)
		return
	}
	if h.skip > 0 {
		return
	}
	if h.pre > 0 {
		h.flush()
		h.b.WriteString(s)
		return
	}
	h.space = h.space || startsWithSpace(s)
	for i, word := range htmlFields(s) {
		if i > 0 {
			h.space = true
		}
		h.flush()
		h.b.WriteString(word)
	}
	h.space = h.space || endsWithSpace(s)
}

// flush writes the pending separator before a word.
func (h *htmlText) flush() {
	switch {
	case h.b.Len() == 0:
	case h.breaks > 0:
		h.b.WriteString(strings.Repeat("\n", h.breaks))
	case h.space:
		h.b.WriteByte(' ')
	}
	h.breaks, h.space = 0, false
}

// lineBreak asks for at least n newlines before the next word.
func (h *htmlText) lineBreak(n int) {
	h.breaks = max(h.breaks, n)
	h.space = false
}

// isHTMLSpace reports whether r is white space to HTML (a no-break space
// is not).
func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }

// htmlFields splits s around runs of HTML white space.
func htmlFields(s string) []string { return strings.FieldsFunc(s, isHTMLSpace) }

func startsWithSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[0])) }

func endsWithSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[len(s)-1])) }

// collapse trims s and collapses its white space runs to single spaces.
func collapse(s string) string { return strings.Join(htmlFields(s), " ") }

// metadata reads the article's title, URL and date from a <meta> or <link>.
func metadata(tok html.Token, it *Item) {
	attr := map[string]string{}
	for _, a := range tok.Attr {
		attr[strings.ToLower(a.Key)] = strings.TrimSpace(a.Val)
	}
	name := strings.ToLower(attr["property"] + attr["name"] + attr["itemprop"])
	content := attr["content"]
	switch {
	case tok.DataAtom == atom.Link && strings.EqualFold(attr["rel"], "canonical") && it.URL == "":
		it.URL = attr["href"]
	case name == "og:url" && it.URL == "":
		it.URL = content
	case name == "og:title" && it.Title == "":
		it.Title = collapse(content)
	case name == "article:published_time" || name == "datepublished" || name == "date" || name == "pubdate":
		if d, ok := parseDate(content); ok && it.PublishedAt == "" {
			it.PublishedAt = d
		}
	}
}
