// Command loadgen measures the GraphQL API under a steady request rate: it
// sends the named operations of a queries file (the README's by default)
// in turn, at a fixed rate (open loop: latency counts from when a request
// was due, so a slow server cannot slow the load down), and reports
// latency percentiles, throughput and errors per operation, and the
// server's memory over the run from its /metrics. It only talks to the URL
// it is given, which should be on this machine.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var readmeOps = "AgenciesInShenyangDefections,CitiesOfNorthKoreanMSS,QuotaDemands,RepatriatedByChineseMSS,MSSToDandong"

func main() {
	url := flag.String("url", "http://127.0.0.1:8080/query", "GraphQL endpoint")
	metricsURL := flag.String("metrics", "", "the server's /metrics, to follow its memory (default: next to -url)")
	file := flag.String("queries", "graph/README-queries.md", "Markdown file with ```graphql blocks")
	ops := flag.String("ops", readmeOps, "comma-separated operation names to send in turn")
	rate := flag.Float64("rate", 100, "requests per second")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	warmup := flag.Duration("warmup", 3*time.Second, "send at the same rate this long first, unmeasured")
	maxInFlight := flag.Int("max-in-flight", 2000, "requests in flight at most; beyond, due requests count as dropped")
	memEvery := flag.Duration("mem-every", 10*time.Second, "how often to read the server's memory")
	label := flag.String("label", "", "label of the run in the Markdown rows")
	header := flag.String("header", "", "extra request header, as Name: value")
	flag.Parse()
	if *metricsURL == "" {
		*metricsURL = strings.TrimSuffix(*url, "/query") + "/metrics"
	}
	queries, err := loadQueries(*file, strings.Split(*ops, ","))
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	l := &loader{url: *url, header: *header, queries: queries, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: *maxInFlight, MaxIdleConnsPerHost: *maxInFlight, IdleConnTimeout: time.Minute},
	}}
	for _, q := range queries {
		if err := l.check(q); err != nil {
			fmt.Fprintf(os.Stderr, "loadgen: %s: %v\n", q.name, err)
			os.Exit(1)
		}
	}
	if *warmup > 0 {
		l.run(ctx, *rate, *warmup, *maxInFlight, nil)
	}
	mem := &memWatch{url: *metricsURL}
	mctx, mstop := context.WithCancel(ctx)
	go mem.watch(mctx, *memEvery)
	res := newResults(queries)
	start := time.Now()
	l.run(ctx, *rate, *duration, *maxInFlight, res)
	elapsed := time.Since(start)
	mstop()
	res.report(os.Stdout, *label, *rate, elapsed)
	mem.report(os.Stdout)
}

type query struct {
	name string
	body []byte
}

var blockRE = regexp.MustCompile("(?s)```graphql\n(.*?)```")

func loadQueries(file string, names []string) ([]query, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, m := range blockRE.FindAllStringSubmatch(string(b), -1) {
		f := strings.Fields(m[1])
		if len(f) > 1 && f[0] == "query" {
			name, _, _ := strings.Cut(f[1], "(")
			name, _, _ = strings.Cut(name, "{")
			byName[name] = m[1]
		}
	}
	var out []query
	for _, n := range names {
		n = strings.TrimSpace(n)
		q, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("no query %s in %s", n, file)
		}
		body, _ := json.Marshal(map[string]any{"query": q, "operationName": n})
		out = append(out, query{name: n, body: body})
	}
	return out, nil
}

type loader struct {
	url     string
	header  string
	queries []query
	client  *http.Client
}

// send posts one query and reports whether it answered 200 without errors.
func (l *loader) send(ctx context.Context, q query) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.url, bytes.NewReader(q.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if name, value, ok := strings.Cut(l.header, ":"); ok {
		req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("errors: %s", out.Errors[0])
	}
	return nil
}

func (l *loader) check(q query) error { return l.send(context.Background(), q) }

// run sends the queries in turn at rate for d. Each request is due at a
// fixed time; its latency counts from then.
func (l *loader) run(ctx context.Context, rate float64, d time.Duration, maxInFlight int, res *results) {
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	n := int(d.Seconds() * rate)
	var inFlight atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				wg.Wait()
				return
			}
		}
		q := l.queries[i%len(l.queries)]
		if inFlight.Load() >= int64(maxInFlight) {
			res.add(q.name, 0, errDropped)
			continue
		}
		inFlight.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer inFlight.Add(-1)
			err := l.send(ctx, q)
			res.add(q.name, time.Since(due), err)
		}()
	}
	wg.Wait()
}

var errDropped = fmt.Errorf("dropped: too many requests in flight")

type results struct {
	mu     sync.Mutex
	order  []string
	lat    map[string][]time.Duration
	errs   map[string]int
	drops  map[string]int
	sample map[string]string
}

func newResults(qs []query) *results {
	r := &results{lat: map[string][]time.Duration{}, errs: map[string]int{}, drops: map[string]int{}, sample: map[string]string{}}
	for _, q := range qs {
		r.order = append(r.order, q.name)
	}
	return r
}

func (r *results) add(name string, d time.Duration, err error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err == errDropped:
		r.drops[name]++
	case err != nil:
		r.errs[name]++
		r.sample[name] = err.Error()
	default:
		r.lat[name] = append(r.lat[name], d)
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(float64(len(ds))*p+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(ds) {
		i = len(ds) - 1
	}
	return ds[i]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64)
}

func (r *results) report(w io.Writer, label string, rate float64, elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(w, "\n%s: %.0f requests/s offered for %s\n\n", label, rate, elapsed.Round(time.Second))
	fmt.Fprintln(w, "| run | operation | requests | ok/s | p50 ms | p90 ms | p99 ms | max ms | errors | dropped |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	var all []time.Duration
	totalErr, totalDrop := 0, 0
	for _, name := range r.order {
		ds := r.lat[name]
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		all = append(all, ds...)
		totalErr += r.errs[name]
		totalDrop += r.drops[name]
		fmt.Fprintf(w, "| %s | %s | %d | %.1f | %s | %s | %s | %s | %d | %d |\n", label, name, len(ds)+r.errs[name]+r.drops[name],
			float64(len(ds))/elapsed.Seconds(), ms(pct(ds, .5)), ms(pct(ds, .9)), ms(pct(ds, .99)), ms(pct(ds, 1)), r.errs[name], r.drops[name])
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	fmt.Fprintf(w, "| %s | **all** | %d | %.1f | %s | %s | %s | %s | %d | %d |\n", label, len(all)+totalErr+totalDrop,
		float64(len(all))/elapsed.Seconds(), ms(pct(all, .5)), ms(pct(all, .9)), ms(pct(all, .99)), ms(pct(all, 1)), totalErr, totalDrop)
	for name, s := range r.sample {
		fmt.Fprintf(w, "\nfirst error of %s: %s\n", name, s)
	}
}

// memWatch follows the server's resident memory and Go heap.
type memWatch struct {
	url     string
	samples []memSample
}

type memSample struct {
	at        time.Duration
	rss, heap float64
}

func (m *memWatch) watch(ctx context.Context, every time.Duration) {
	start := time.Now()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if rss, heap, err := m.read(); err == nil {
			m.samples = append(m.samples, memSample{time.Since(start), rss, heap})
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (m *memWatch) read() (rss, heap float64, err error) {
	resp, err := http.Get(m.url)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			continue
		}
		v, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "process_resident_memory_bytes":
			rss = v
		case "go_memstats_heap_inuse_bytes":
			heap = v
		}
	}
	return rss, heap, sc.Err()
}

func (m *memWatch) report(w io.Writer) {
	if len(m.samples) == 0 {
		fmt.Fprintln(w, "\nserver memory: no samples (is -metrics right?)")
		return
	}
	fmt.Fprintf(w, "\nserver memory (RSS / Go heap in use, MiB) every sample:")
	for _, s := range m.samples {
		fmt.Fprintf(w, " %s: %.0f/%.0f", s.at.Round(time.Second), s.rss/(1<<20), s.heap/(1<<20))
	}
	first, last := m.samples[0], m.samples[len(m.samples)-1]
	maxRSS := 0.0
	for _, s := range m.samples {
		if s.rss > maxRSS {
			maxRSS = s.rss
		}
	}
	fmt.Fprintf(w, "\nRSS first %.0f MiB, last %.0f MiB, max %.0f MiB\n", first.rss/(1<<20), last.rss/(1<<20), maxRSS/(1<<20))
}
