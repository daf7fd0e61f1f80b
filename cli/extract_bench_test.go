package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/synth"
)

// BenchmarkExtractCommand runs "eventgraph extract" end to end (walk, read,
// extract, encode, write) over 2,000 generated articles in files.
func BenchmarkExtractCommand(b *testing.B) {
	dir := b.TempDir()
	var size int64
	for i := range 2000 {
		a := synth.Generate(1, i)
		p := filepath.Join(dir, fmt.Sprintf("%04d.txt", i))
		if err := os.WriteFile(p, []byte(a.Text), 0o644); err != nil {
			b.Fatal(err)
		}
		size += int64(len(a.Text))
	}
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
				if code := Main(context.Background(), env, []string{"extract", "--workers", fmt.Sprint(workers), dir}); code != ExitOK {
					b.Fatalf("exit code %d", code)
				}
			}
		})
	}
}
