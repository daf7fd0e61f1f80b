package extractor

import (
	"strings"
	"testing"

	"eventgraph/domain"
)

// modalityCase says that the event of a type whose trigger contains
// trigger, extracted from text, has the modality want.
type modalityCase struct {
	text, trigger string
	typ           domain.EventType
	want          domain.Modality
}

// checkModality extracts each case's text and checks the modality of the
// event it names.
func checkModality(t *testing.T, x *Extractor, tests []modalityCase) {
	t.Helper()
	for _, tt := range tests {
		doc := mustExtract(t, x, tt.text)
		seen := false
		for _, ev := range doc.Events {
			if ev.Type != tt.typ || !strings.Contains(ev.Trigger.Text, tt.trigger) {
				continue
			}
			seen = true
			if ev.Modality != tt.want {
				t.Errorf("%q: %s %q modality = %s, want %s", tt.text, tt.typ, ev.Trigger.Text, ev.Modality, tt.want)
			}
		}
		if !seen {
			t.Errorf("%q: no %s with trigger %q", tt.text, tt.typ, tt.trigger)
		}
	}
}

// TestModalityCues checks modality cues by family, each with cases that
// must change and cases that must not.
func TestModalityCues(t *testing.T) {
	x := newTestExtractor(t)
	families := []struct {
		name  string
		cases []modalityCase
	}{
		// Deadline: an act due by a deadline has not
		// happened yet, while a time clause with a verb of its own, or a plain
		// "until" clause, leaves the act as told.
		{"Deadline", []modalityCase{
			{"The 2017 sanctions gave host governments until the end of 2019 to send all North Korean laborers back home.",
				"send", domain.Repatriation, domain.Hypothetical},
			{"Lawmakers gave the ministry until March 2020 to repatriate the remaining loggers.",
				"repatriate", domain.Repatriation, domain.Hypothetical},
			{"Around 900 builders were still on Mongolian sites when the deadline for sending them home expired.",
				"sending them home", domain.Repatriation, domain.Hypothetical},
			{"Chinese police held the fishermen in Hunchun until they were sent back to Rason in June.",
				"sent back", domain.Repatriation, domain.Asserted},
		}},
		// Arrangement: an act someone is to do or is due
		// to do, or that is to be done, has not happened yet, also when the
		// trigger takes in the "to" of the arrangement, and that "is to blame"
		// arranges nothing.
		{"Arrangement", []modalityCase{
			{"Under the 2014 treaty, migrants who cross without papers are to be returned to the other side.",
				"returned", domain.Repatriation, domain.Hypothetical},
			{"Mongolia sent home 40 North Korean builders in May. Two of them vanished the night before their crew was due to fly home.",
				"fly home", domain.Repatriation, domain.Hypothetical},
			{"The two men waited in a safe house for a guide who was to take them across the Mekong into Thailand.",
				"take them across", domain.Defection, domain.Hypothetical},
			{"The consul was to blame for the defection of three cooks from the restaurant in Dandong.",
				"defection", domain.Defection, domain.Asserted},
		}},
		// Anyone: "anyone" stands for whoever might be
		// sent back or go missing, but not for those it did happen to, nor in a
		// time clause telling what is done to each.
		{"Anyone", []modalityCase{
			{"Human rights lawyers warn that anyone sent back to North Korea is likely to be tortured.",
				"sent back", domain.Repatriation, domain.Hypothetical},
			{"Guards now visit the dormitory each night to check whether anybody else has gone missing.",
				"gone missing", domain.Defection, domain.Hypothetical},
			{"Anyone who defected from the unit in 2019 was later tried in absentia.",
				"defected", domain.Defection, domain.Asserted},
			{"Before anyone is sent back, the border police take photographs and fingerprints.",
				"sent back", domain.Repatriation, domain.Asserted},
		}},
		// AnyWho: a present tense in a "who" clause on any
		// one person stands for whoever might act, while a person named with "a"
		// may be a real one.
		{"AnyWho", []modalityCase{
			{"Under the new rules, any North Korean sailor who asks for asylum in a Japanese port is heard by a judge.",
				"asks for asylum", domain.Defection, domain.Hypothetical},
			{"Any North Korean who defects is now treated as a traitor by the courts.",
				"defects", domain.Defection, domain.Hypothetical},
			{"The cooks share one flat with a foreman who keeps track of where each of them goes.",
				"keeps track", domain.Surveillance, domain.Asserted},
		}},
		// Unconfirmed: an act an authority would not or
		// declined to confirm is unconfirmed, not denied.
		{"Unconfirmed", []modalityCase{
			{"The ministry would not confirm reports that the attaché had defected to a third country.",
				"defected", domain.Defection, domain.Hypothetical},
			{"Seoul would neither confirm nor deny on Friday that the pair had defected to the South.",
				"defected", domain.Defection, domain.Hypothetical},
			{"A spokesman declined to confirm that the two engineers had defected.",
				"defected", domain.Defection, domain.Hypothetical},
		}},
	}
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) { checkModality(t, x, f.cases) })
	}
}
