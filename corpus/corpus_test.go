package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/domain"
	"eventgraph/internal/testenv"
)

// result is what one yielded pair is compared on.
type result struct {
	Source string
	Line   int
	Text   string
	Title  string
	URL    string
	Date   string
	DocSrc string
	Reason Reason
	ErrHas string
}

// collect runs Items and flattens what it yields.
func collect(t *testing.T, paths []string, opts Options) []result {
	t.Helper()
	var out []result
	for it, err := range Items(paths, opts) {
		r := result{Source: it.Source, Line: it.Line, Text: it.Text, Title: it.Title, URL: it.URL, Date: it.PublishedAt}
		if it.Doc != nil {
			r.DocSrc = it.Doc.Article.Source
		}
		if err != nil {
			r.Reason, r.ErrHas = reasonOf(t, err), err.Error()
		}
		out = append(out, r)
	}
	return out
}

// reasonOf checks that err is an *InputError naming a path and returns its
// reason.
func reasonOf(t *testing.T, err error) Reason {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *InputError", err, err)
	}
	if !strings.HasPrefix(err.Error(), ie.Path) {
		t.Errorf("error %q does not start with its path %q", err, ie.Path)
	}
	if code := domain.ErrorCode(err); code == domain.EINTERNAL {
		t.Errorf("error %v has no domain code", err)
	}
	return ie.Reason
}

func TestSingleFiles(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		opts    Options
		want    result
	}{
		{name: "plain text", file: "a.txt", content: "Agents defected.\n", want: result{Text: "Agents defected.\n"}},
		{name: "crlf newlines", file: "a.txt", content: "Line one.\r\nLine two.\rEnd", want: result{Text: "Line one.\nLine two.\nEnd"}},
		{name: "unknown extension named on purpose", file: "a.log", content: "text", want: result{Text: "text"}},
		{name: "byte order mark kept", file: "a.txt", content: "\uFEFFHi", want: result{Text: "\uFEFFHi"}},
		{name: "empty", file: "a.txt", content: "", want: result{Reason: Empty, ErrHas: "empty"}},
		{name: "blank", file: "a.txt", content: " \n\t\n", want: result{Reason: Empty}},
		{name: "nul byte", file: "a.txt", content: "abc\x00def", want: result{Reason: Binary, ErrHas: "NUL byte at byte 3"}},
		{name: "control characters", file: "a.txt", content: strings.Repeat("\x01\x02\x03a", 100), want: result{Reason: Binary}},
		{name: "mostly invalid utf-8", file: "a.txt", content: strings.Repeat("\xff\xfe\xfda", 100), want: result{Reason: Binary}},
		{name: "invalid utf-8", file: "a.txt", content: "caf\xe9 au lait", want: result{Reason: InvalidUTF8, ErrHas: "invalid UTF-8: at byte 3"}},
		{name: "too large", file: "a.txt", content: "0123456789", opts: Options{MaxBytes: 9}, want: result{Reason: TooLarge, ErrHas: "10 bytes, over the limit of 9"}},
		{name: "at the limit", file: "a.txt", content: "0123456789", opts: Options{MaxBytes: 10}, want: result{Text: "0123456789"}},
		{
			name: "front matter", file: "a.md",
			content: "---\ntitle: \"Agents defect\"\nurl: https://example.org/a\npublished: 2025-03-04\ntags: [x]\n---\n\nBody text.\n",
			want:    result{Text: "Body text.\n", Title: "Agents defect", URL: "https://example.org/a", Date: "2025-03-04"},
		},
		{
			name: "front matter with time", file: "a.txt",
			content: "---\npublished: 2025-03-04T10:00:00+09:00\n...\nBody",
			want:    result{Text: "Body", Date: "2025-03-04T10:00:00+09:00"},
		},
		{
			name: "front matter after a byte order mark, crlf", file: "a.md",
			content: "\uFEFF---\r\ntitle: T\r\n---\r\nBody\r\n",
			want:    result{Text: "Body\n", Title: "T"},
		},
		{name: "unclosed front matter is text", file: "a.md", content: "---\ntitle: x\nBody", want: result{Text: "---\ntitle: x\nBody"}},
		{name: "front matter without body", file: "a.md", content: "---\ntitle: x\n---\n\n", want: result{Reason: Empty}},
		{name: "front matter bad yaml", file: "a.md", content: "---\ntitle: [x\n---\nBody", want: result{Reason: BadFrontMatter}},
		{name: "front matter bad date", file: "a.md", content: "---\npublished: yesterday\n---\nBody", want: result{Reason: BadFrontMatter, ErrHas: "published is not a date"}},
		{name: "front matter bad url", file: "a.md", content: "---\nurl: not a url\n---\nBody", want: result{Reason: BadFrontMatter, ErrHas: "url is not an absolute URL"}},
		{name: "front matter list title", file: "a.md", content: "---\ntitle: [a, b]\n---\nBody", want: result{Reason: BadFrontMatter, ErrHas: "title must be a single value"}},
		{name: "html front matter ignored", file: "a.html", content: "<p>---</p><p>x</p>", want: result{Text: "---\n\nx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testenv.WriteTree(t, map[string]string{tt.file: tt.content})
			path := filepath.Join(dir, tt.file)
			got := collect(t, []string{path}, tt.opts)
			want := tt.want
			want.Source = path
			checkOne(t, got, want)
		})
	}
}

// checkOne compares a single result, ErrHas as a substring.
func checkOne(t *testing.T, got []result, want result) {
	t.Helper()
	if len(got) != 1 {
		t.Fatalf("got %d results %+v, want 1", len(got), got)
	}
	g := got[0]
	if want.ErrHas != "" && !strings.Contains(g.ErrHas, want.ErrHas) {
		t.Errorf("error = %q, want it to contain %q", g.ErrHas, want.ErrHas)
	}
	g.ErrHas, want.ErrHas = "", ""
	if g != want {
		t.Errorf("got  %+v\nwant %+v", g, want)
	}
}

func TestTooLargeIsNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 64 GiB file: reading it would take minutes and all memory.
	if err := f.Truncate(64 << 30); err != nil {
		t.Skipf("cannot make a sparse file: %v", err)
	}
	f.Close()
	got := collect(t, []string{path}, Options{})
	checkOne(t, got, result{Source: path, Reason: TooLarge, ErrHas: "over the limit of 8388608"})
}

func TestUnreadable(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{"a.txt": "x"})
	tests := []struct {
		name string
		path string
		code string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), domain.ENOTFOUND},
		{"not a directory", filepath.Join(dir, "a.txt", "b.txt"), domain.EUNAVAILABLE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n int
			for _, err := range Items([]string{tt.path}, Options{}) {
				n++
				if reasonOf(t, err) != Unreadable || domain.ErrorCode(err) != tt.code {
					t.Errorf("got %v (code %s), want unreadable with code %s", err, domain.ErrorCode(err), tt.code)
				}
				if tt.code == domain.ENOTFOUND && !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%v is not fs.ErrNotExist", err)
				}
			}
			if n != 1 {
				t.Errorf("got %d results, want 1", n)
			}
		})
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name string
		html string
		want result
	}{
		{
			name: "tags, scripts, styles, entities",
			html: `<!DOCTYPE html><html><head><title>Agents &amp; cadres</title><style>p{color:red}</style>
<script>var x = "<p>not text</p>";</script></head>
<body><h1>Three agents defect</h1>
<p>Three <b>MSS</b> agents  defected in
Shenyang &ndash; a source said&nbsp;so.</p><p>Second&#39;s paragraph<br>next line</p>
<noscript>enable js</noscript></body></html>`,
			want: result{Title: "Agents & cadres", Text: "Three agents defect\n\nThree MSS agents defected in Shenyang – a source said\u00a0so.\n\nSecond's paragraph\nnext line"},
		},
		{
			name: "metadata",
			html: `<html><head><meta property="og:title" content="OG title"><link rel="canonical" href="https://example.org/x">
<meta property="article:published_time" content="2024-05-06T07:08:09Z"></head><body><p>Body</p></body></html>`,
			want: result{Title: "OG title", URL: "https://example.org/x", Date: "2024-05-06T07:08:09Z", Text: "Body"},
		},
		{
			name: "svg titles are not the page title",
			html: `<title>Page</title><body><svg><title>icon</title></svg><p>Body</p><title>Second</title></body>`,
			want: result{Title: "Page", Text: "Body"},
		},
		{name: "inline elements join words", html: "<p>de<i>fect</i>ed and <a href=x>fled</a>.</p>", want: result{Text: "defected and fled."}},
		{name: "pre keeps white space", html: "<p>a</p><pre>x  y\n z</pre>", want: result{Text: "a\n\nx  y\n z"}},
		{name: "only tags is empty", html: "<html><body><script>x()</script></body></html>", want: result{Reason: Empty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testenv.WriteTree(t, map[string]string{"a.html": tt.html})
			path := filepath.Join(dir, "a.html")
			want := tt.want
			want.Source = path
			checkOne(t, collect(t, []string{path}, Options{}), want)
		})
	}
}

func TestJSONL(t *testing.T) {
	long := `{"article":{"source":"` + strings.Repeat("x", 200) + `"}}`
	content := `{"article":{"source":"a.txt","title":"A"},"entities":[],"events":[]}

{"article":{"source":"b.txt"}, "events": [}
{"article":{"source":"c` + "\xff" + `.txt"}}
` + long + `
{"article":{"source":"d.txt"},"events":[{"type":"DEFECTION","modality":"asserted","trigger":{"text":"fled","start":1,"end":5}}]}
{"article":{"source":3}}
{"article":{}}
  {"article":{"source":"e.txt"}}`
	dir := testenv.WriteTree(t, map[string]string{"out.jsonl": content})
	path := filepath.Join(dir, "out.jsonl")
	got := collect(t, []string{path}, Options{MaxLineBytes: 150})
	want := []result{
		{Source: "a.txt", Line: 1, DocSrc: "a.txt"},
		{Source: path, Line: 3, Reason: MalformedJSON, ErrHas: path + ":3: malformed JSON: invalid character '}'"},
		{Source: path, Line: 4, Reason: InvalidUTF8, ErrHas: "at byte 23 of the line"},
		{Source: path, Line: 5, Reason: TooLarge, ErrHas: "line longer than 150 bytes"},
		{Source: "d.txt", Line: 6, DocSrc: "d.txt"},
		{Source: path, Line: 7, Reason: MalformedJSON, ErrHas: "field article.source has a number, want string"},
		{Source: path + ":8", Line: 8},
		{Source: "e.txt", Line: 9, DocSrc: "e.txt"},
	}
	checkAll(t, got, want)
}

// checkAll compares results one by one, ErrHas as a substring.
func checkAll(t *testing.T, got, want []result) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d results, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		checkOne(t, got[i:i+1], want[i])
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		nil   bool
		want  []result
	}{
		{name: "text", stdin: "  Agents fled.\n", want: []result{{Source: "-", Text: "  Agents fled.\n"}}},
		{name: "json lines", stdin: "\n  {\"article\":{\"source\":\"x.txt\"}}\n{\"article\":{\"source\":\"y.txt\"}}\n", want: []result{
			{Source: "x.txt", Line: 2, DocSrc: "x.txt"}, {Source: "y.txt", Line: 3, DocSrc: "y.txt"},
		}},
		{name: "empty", stdin: "", want: []result{{Source: "-", Reason: Empty}}},
		{name: "none", nil: true, want: []result{{Source: "-", Reason: Unreadable, ErrHas: "no standard input"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Stdin: strings.NewReader(tt.stdin)}
			if tt.nil {
				opts.Stdin = nil
			}
			checkAll(t, collect(t, []string{"-"}, opts), tt.want)
		})
	}
}

func TestWalk(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{
		"b.txt":           "B",
		"a/z.md":          "Z",
		"a/y.HTML":        "<p>Y</p>",
		"a/x.jsonl":       `{"article":{"source":"x-doc"}}`,
		"a/skip.pdf":      "PDF",
		"a/.hidden.txt":   "H",
		".git/config.txt": "G",
		"c/empty.txt":     "",
		"c/ok.htm":        "OK",
	})
	j := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	got := collect(t, []string{dir, j("b.txt")}, Options{})
	want := []result{
		{Source: "x-doc", Line: 1, DocSrc: "x-doc"},
		{Source: j("a/y.HTML"), Text: "Y"},
		{Source: j("a/z.md"), Text: "Z"},
		{Source: j("b.txt"), Text: "B"},
		{Source: j("c/empty.txt"), Reason: Empty},
		{Source: j("c/ok.htm"), Text: "OK"},
		{Source: j("b.txt"), Text: "B"},
	}
	checkAll(t, got, want)
}

func TestStopEarly(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{"a.txt": "A", "b.txt": "B", "c/d.txt": "D"})
	n := 0
	for range Items([]string{dir, dir}, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("got %d items, want 2", n)
	}
}

func TestAnnotate(t *testing.T) {
	doc := domain.Document{Article: domain.Article{Source: "s", Title: "first line"}}
	Item{Title: "T", PublishedAt: "2025-01-02"}.Annotate(&doc)
	want := domain.Article{Source: "s", Title: "T", PublishedAt: "2025-01-02"}
	if doc.Article != want {
		t.Errorf("got %+v, want %+v", doc.Article, want)
	}
}
