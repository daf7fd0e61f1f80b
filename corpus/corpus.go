// Package corpus reads article inputs for the extractor and the ingester:
// files, directories walked recursively, standard input, and JSON Lines of
// documents extracted elsewhere. It streams: inputs are read one at a time,
// in a deterministic order, so a million of them never sit in memory.
//
// Text is read as UTF-8 with line endings normalised to "\n" (as Python's
// text mode reads it, so that offsets agree with the scoring script). HTML
// loses its tags, scripts and styles and has its entities decoded. A
// Markdown or text file may open with front matter, a YAML block between two
// "---" lines giving title, url and published (a date); the block is removed
// and Item.Text holds the body only, so every offset the extractor gives is
// into the body, not into the file.
//
// A bad input (unreadable, empty, binary, invalid UTF-8, too large, a
// malformed JSON line) is reported as an *InputError naming its path and the
// reason, and the walk goes on with the next input.
package corpus

import (
	"io"
	"iter"

	"eventgraph/domain"
)

// DefaultMaxBytes is the size limit of one text input when Options.MaxBytes
// is zero.
const DefaultMaxBytes = 8 << 20

// Stdin is the path that names standard input.
const Stdin = "-"

// Item is one article read from an input: either its text and metadata, or a
// document already extracted (from a JSON Lines input) in Doc.
type Item struct {
	// Source is the article's name: the path as walked, "-" for standard
	// input, or the document's article source for a JSON line.
	Source string
	// Path is the file the item came from ("-" for standard input).
	Path string
	// Line is the 1-based line number of a JSON Lines item, 0 otherwise.
	Line int
	// Text is the article text (the body, after any front matter).
	Text string
	// Title, URL and PublishedAt come from front matter or HTML metadata.
	Title       string
	URL         string
	PublishedAt string
	// Doc is the already extracted document of a JSON Lines item, nil for text.
	Doc *domain.Document
}

// Annotate copies the item's non-empty metadata into doc's article.
func (it Item) Annotate(doc *domain.Document) {
	if it.Title != "" {
		doc.Article.Title = it.Title
	}
	if it.URL != "" {
		doc.Article.URL = it.URL
	}
	if it.PublishedAt != "" {
		doc.Article.PublishedAt = it.PublishedAt
	}
}

// Options tune reading; the zero value is usable.
type Options struct {
	// MaxBytes is the largest text input in bytes; 0 means DefaultMaxBytes.
	// Larger files are refused without being read.
	MaxBytes int64
	// MaxLineBytes is the longest JSON line in bytes; 0 means four times
	// MaxBytes.
	MaxLineBytes int64
	// Stdin is read for the path "-"; nil makes "-" an unreadable input.
	Stdin io.Reader
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o Options) maxLineBytes() int64 {
	if o.MaxLineBytes > 0 {
		return o.MaxLineBytes
	}
	return 4 * o.maxBytes()
}

// Items returns the items of every path in order: a file, a directory
// (walked recursively in lexical order, keeping .txt, .md, .html, .htm and
// .jsonl files and skipping hidden names), or "-" for standard input (JSON
// Lines when its first non-space byte is '{', text otherwise). A bad input
// yields its error, an *InputError, with an Item naming its source; the
// sequence then goes on.
func Items(paths []string, opts Options) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for _, p := range paths {
			if !readPath(p, opts, yield) {
				return
			}
		}
	}
}
