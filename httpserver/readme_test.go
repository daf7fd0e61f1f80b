package httpserver_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

type entityRef struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	CountryName string `json:"countryName"`
}

type argument struct {
	Role   string    `json:"role"`
	Text   string    `json:"text"`
	Entity entityRef `json:"entity"`
}

type relatedEdge struct {
	Node         entityRef `json:"node"`
	SharedEvents int       `json:"sharedEvents"`
	Evidence     []struct {
		Sentence struct{ Text string } `json:"sentence"`
	} `json:"evidence"`
}

// Which agencies are tied to defections in Shenyang? The North Korean MSS,
// through the MSS agents who defected there.
func TestReadmeAgenciesInShenyangDefections(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	var resp struct {
		Entity struct {
			Name     string
			Agencies struct{ Edges []relatedEdge }
		}
	}
	post(t, c, readmeQuery(t, "AgenciesInShenyangDefections"), &resp)
	if resp.Entity.Name != "Shenyang" {
		t.Fatalf("entity = %q, want Shenyang", resp.Entity.Name)
	}
	var found *relatedEdge
	for i, ed := range resp.Entity.Agencies.Edges {
		if ed.Node.Key == "agency:kp:ministry-of-state-security" {
			found = &resp.Entity.Agencies.Edges[i]
		}
	}
	if found == nil {
		t.Fatalf("North Korea's MSS not among the agencies tied to defections in Shenyang: %+v", resp.Entity.Agencies.Edges)
	}
	if found.SharedEvents < 1 || len(found.Evidence) == 0 || !strings.Contains(found.Evidence[0].Sentence.Text, "Shenyang") {
		t.Errorf("MSS edge lacks evidence: %+v", *found)
	}
	if found.Node.CountryName != "North Korea" {
		t.Errorf("MSS country = %q", found.Node.CountryName)
	}
}

// Which cities have events involving North Korea's MSS? Shenyang among them.
func TestReadmeCitiesOfNorthKoreanMSS(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	var resp struct {
		Entity struct {
			Name   string
			Cities struct {
				TotalCount int
				Edges      []relatedEdge
			}
		}
	}
	post(t, c, readmeQuery(t, "CitiesOfNorthKoreanMSS"), &resp)
	names := map[string]int{}
	for _, ed := range resp.Entity.Cities.Edges {
		names[ed.Node.Name] = ed.SharedEvents
	}
	if names["Shenyang"] < 1 {
		t.Fatalf("Shenyang missing from the MSS's cities: %v", names)
	}
	if resp.Entity.Cities.TotalCount < len(resp.Entity.Cities.Edges) {
		t.Errorf("totalCount %d < %d edges", resp.Entity.Cities.TotalCount, len(resp.Entity.Cities.Edges))
	}
}

// Every quota demand with its amount and who must pay: among them, the
// Party demands 700,000 to 1,000,000 USD per year of North Korean traders.
func TestReadmeQuotaDemands(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	type node struct {
		Amount *struct {
			Min, Max         float64
			Currency, Period string
		}
		Payers     []argument
		DemandedBy []argument
	}
	var all []node
	after, total := "", 0
	for pages := 0; pages < 100; pages++ {
		var resp struct {
			Events struct {
				TotalCount int
				Edges      []struct{ Node node }
				PageInfo   pageInfo
			}
		}
		var opts []client.Option
		if after != "" {
			opts = append(opts, client.Var("after", after))
		}
		post(t, c, readmeQuery(t, "QuotaDemands"), &resp, opts...)
		total = resp.Events.TotalCount
		for _, ed := range resp.Events.Edges {
			all = append(all, ed.Node)
		}
		if !resp.Events.PageInfo.HasNextPage {
			break
		}
		after = *resp.Events.PageInfo.EndCursor
	}
	if total == 0 || len(all) != total {
		t.Fatalf("read %d quota demands of %d", len(all), total)
	}
	ok := false
	for _, n := range all {
		if n.Amount == nil || n.Amount.Min != 700000 || n.Amount.Max != 1000000 {
			continue
		}
		if n.Amount.Currency != "USD" || n.Amount.Period != "year" {
			t.Errorf("amount = %+v, want USD per year", *n.Amount)
		}
		traders, party := false, false
		for _, p := range n.Payers {
			traders = traders || strings.Contains(strings.ToLower(p.Entity.Name+" "+p.Text), "trader")
		}
		for _, a := range n.DemandedBy {
			party = party || a.Entity.Key == "agency:kp:workers-party-of-korea"
		}
		if !traders || !party {
			t.Errorf("700,000-1,000,000 USD demand: payers %+v, demanded by %+v", n.Payers, n.DemandedBy)
		}
		ok = true
	}
	if !ok {
		t.Fatalf("no quota demand of 700000..1000000 among %d", len(all))
	}
}

// Whom is China's MSS asked to repatriate? North Koreans who try to defect,
// and North Korean passport holders caught in China's southwest.
func TestReadmeRepatriatedByChineseMSS(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	var resp struct {
		Events struct {
			Edges []struct {
				Node struct {
					Whom     []argument
					Sentence struct{ Text string }
				}
			}
		}
	}
	post(t, c, readmeQuery(t, "RepatriatedByChineseMSS"), &resp)
	want := map[string]string{ // patient entity: words of the sentence that qualify it
		"actor:kp:north-koreans":   "try to defect",
		"actor:kp:passport-holder": "southwest",
	}
	for _, ed := range resp.Events.Edges {
		for _, a := range ed.Node.Whom {
			if w, ok := want[a.Entity.Key]; ok && strings.Contains(ed.Node.Sentence.Text, w) {
				delete(want, a.Entity.Key)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("China's MSS is not asked to repatriate %v: %+v", want, resp.Events.Edges)
	}
}

// How is the MSS connected to Dandong? At least one path within 4 hops,
// every step with its evidence.
func TestReadmeMSSToDandong(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	var resp struct {
		Connections struct {
			Hops  *int
			Paths []struct {
				Summary string
				Edges   []struct{ Type string }
				Nodes   []struct {
					Kind  string
					Label string
					Event *struct {
						Sentence struct{ Text string }
					}
				}
			}
		}
	}
	post(t, c, readmeQuery(t, "MSSToDandong"), &resp)
	cn := resp.Connections
	if cn.Hops == nil || len(cn.Paths) == 0 {
		t.Fatal("no path between the MSS and Dandong")
	}
	if *cn.Hops > 4 {
		t.Errorf("hops = %d", *cn.Hops)
	}
	for _, p := range cn.Paths {
		t.Logf("path: %s", p.Summary)
		if p.Nodes[0].Label != "Ministry of State Security" || p.Nodes[len(p.Nodes)-1].Label != "Dandong" {
			t.Errorf("path does not run from the MSS to Dandong: %s", p.Summary)
		}
		if len(p.Edges) != len(p.Nodes)-1 {
			t.Errorf("%d edges for %d nodes", len(p.Edges), len(p.Nodes))
		}
		for _, n := range p.Nodes {
			if n.Kind == "EVENT" && (n.Event == nil || n.Event.Sentence.Text == "") {
				t.Errorf("event node %q without evidence", n.Label)
			}
		}
	}
}

// The other README queries run without errors.
func TestReadmeOtherQueriesRun(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	for _, name := range []string{"FindEntities", "ShenyangEvents", "Dashboard", "MSSNeighborhood"} {
		t.Run(name, func(t *testing.T) {
			var resp map[string]any
			post(t, c, readmeQuery(t, name), &resp)
			if len(resp) == 0 {
				t.Fatal("empty data")
			}
		})
	}
}
