package extractor

import (
	"testing"

	"eventgraph/domain"
)

// entityCase says that a sentence yields, or does not yield, an entity of
// a type with a mention text.
type entityCase struct {
	text, mention string
	typ           domain.EntityType
	want          bool
}

// hasEntity reports whether doc holds an entity of typ mentioned as text.
func hasEntity(doc domain.Document, typ domain.EntityType, text string) bool {
	for _, e := range doc.Entities {
		if e.Type != typ {
			continue
		}
		for _, m := range e.Mentions {
			if m.Text == text {
				return true
			}
		}
	}
	return false
}

// TestEntityKinds checks kinds of entity that generalise across articles:
// bodies named by their place, detention centres, border towns, people
// named by what they do.
func TestEntityKinds(t *testing.T) {
	x := newTestExtractor(t)
	tests := []entityCase{
		{"Hyesan police detained two smugglers last week.", "Hyesan police", domain.Agency, true},
		{"Interrogators beat him for days.", "Interrogators", domain.Actor, true},
		{"The boat's captain was fined by the court.", "captain", domain.Actor, true},
		{"The Party secretary of the farm collected the rice.", "Party secretary", domain.Actor, true},
		{"A judge sentenced the restaurant's owner to two years.", "owner", domain.Actor, true},
		{"They were taken to the Onsong county security office.", "Onsong county security office", domain.Agency, true},
		{"The man is held at a detention facility in Tonghua.", "detention facility in Tonghua", domain.Agency, true},
		{"Two women were caught and sent to a holding centre.", "holding centre", domain.Agency, false},
		{"Her husband spent two years in jail.", "jail", domain.Agency, false},
		{"Russian migration police raided the site.", "Russian migration police", domain.Agency, true},
		{"The money goes through the trade office.", "trade office", domain.Agency, true},
		{"The workers crossed at the Quanhe crossing near Hunchun.", "Quanhe crossing", domain.City, true},
		{"A builder left a site in Artyom.", "Artyom", domain.City, true},
		{"The diplomat was expelled by Brazil and flew home from Brasília.", "Brazil", domain.Country, true},
		{"Two nurses in Dakar have not been paid since May.", "Dakar", domain.City, true},
		{"His family was banished to Kapsan County.", "Kapsan County", domain.Region, true},
		{"Two women from Yuson-dong in Hoeryong disappeared.", "Yuson-dong", domain.City, true},
		{"Kim Song-ri, a trader, fled.", "Song-ri", domain.City, false},
		{"He worked in Shenyang, at an office in Huanggu District.", "Huanggu District", domain.City, true},
		{"Hyesan residents were questioned.", "Hyesan residents", domain.Agency, false},
		{"Hyesan residents were questioned.", "Hyesan residents", domain.Actor, true},
		{"Officials collect the levy from Sinuiju households.", "Sinuiju households", domain.Actor, true},
		{"Officials in Sinuiju collect the levy.", "Sinuiju", domain.City, true},
		{"The woman, identified only by her surname Kang, left on March 21.", "Kang", domain.Actor, true},
		{"Kang was later seen in Bangkok.", "Kang", domain.Actor, false},
		{"An inspection team was sent to the 27th Brigade, which guards the sector.", "Brigade", domain.Agency, true},
		{"The team detained the battalion commander.", "battalion commander", domain.Actor, true},
		{"The women were driven across the Friendship Bridge to Sinuiju.", "Friendship Bridge", domain.City, true},
		{"Police caught a North Korean woman near the river.", "North Korean woman", domain.Actor, true},
		{"A woman in her 40s who helps refugees said the group was lost.", "woman", domain.Actor, false},
		{"Each of them must send an extra 150 dollars a month to Pyongyang.", "Pyongyang", domain.Agency, true},
		{"The embassy forwards the funds to Pyongyang every month.", "Pyongyang", domain.Agency, true},
		{"The move drew criticism from Seoul.", "Seoul", domain.Agency, true},
		{"The two men were flown back to Pyongyang a week later.", "Pyongyang", domain.Agency, false},
		// A body named after the people it serves is no group of them.
		{"A defector organization in Seoul said the women were safe.", "defector organization", domain.Organization, true},
		{"A defector organization in Seoul said the women were safe.", "defector", domain.Actor, false},
		{"Two defectors in Seoul said the women were safe.", "Two defectors", domain.Actor, true},
		{"Vendors pay more before national holidays.", "national", domain.Actor, false},
		{"Police detained a Chinese national in Dandong.", "Chinese national", domain.Actor, true},
		{"The Party committee sends someone round every month.", "Party committee", domain.Agency, true},
		{"The two men were flown back to Pyongyang a week later.", "The two men", domain.Actor, true},
		{"Two loggers fled. Both men were caught in Tynda.", "Both men", domain.Actor, true},
		{"Police detained about 60 North Koreans in Tumen.", "about 60 North Koreans", domain.Actor, true},
		{"Police arrested two other workers.", "two other workers", domain.Actor, true},
		{"Pyongyang recalled the 11 remaining waitresses.", "11 remaining waitresses", domain.Actor, true},
		{"Several hundred North Koreans are held in Chinese jails.", "Several hundred North Koreans", domain.Actor, true},
		{"Guards hand over 12 North Korean defectors in Tumen.", "12 North Korean defectors", domain.Actor, true},
		{"Human rights groups say the women face torture.", "Human rights groups", domain.Organization, true},
		{"Rights groups say the women face torture.", "Rights groups", domain.Organization, false},
		{"The family was sent to a cooperative farm in Kapsan.", "cooperative farm", domain.Organization, true},
		{"A border guard officer fled.", "border guard officer", domain.Actor, true},
		{"Two of his soldiers defected.", "Two of his soldiers", domain.Actor, true},
		{"One of them said he wanted to leave, and the others agreed.", "One of them", domain.Actor, false},
		{"One of the trucks broke down near the river.", "One of the trucks", domain.Actor, false},
		{"A trade representative based in Dalian vanished.", "trade representative based in Dalian", domain.Actor, true},
		{"Two women from a seafood plant in nearby Dandong fled.", "Two women from a seafood plant in nearby Dandong", domain.Actor, true},
		{"China deported 60 North Koreans from Jilin.", "60 North Koreans from Jilin", domain.Actor, false},
		{"The manager, a man surnamed Ri, was ordered home.", "man surnamed Ri", domain.Actor, true},
		{"Police caught a woman named Pak Sun-hui at the market.", "Pak Sun-hui", domain.Actor, true},
		{"A man named in the report fled.", "man named in", domain.Actor, false},
		{"Officials ordered the families of defectors in Hyesan to pay a fee.", "families of defectors in Hyesan", domain.Actor, true},
		{"Their families have been moved out of the capital.", "families", domain.Actor, false},
		{"The families of anyone caught trying to defect are punished.", "families of anyone", domain.Actor, false},
		{"A missionary helped the women.", "missionary", domain.Actor, true},
		// Bodies the gazetteer does not know, named by capitalised words
		// around a generic head.
		{"Officials from North Korea's Ministry of Land and Maritime Transport arrived.", "Ministry of Land and Maritime Transport", domain.Agency, true},
		{"Hong Kong's Immigration Department declined to comment.", "Immigration Department", domain.Agency, true},
		{"The Sobaeksu Trading Company deducted 300 yuan.", "Sobaeksu Trading Company", domain.Organization, true},
		{"He studied at Jilin University in Changchun.", "Jilin University", domain.Organization, true},
		{"The Bureau of Overseas Labor (BOL) sent a team. BOL officials came too.", "BOL", domain.Agency, true},
		{"Although United Nations Security Council resolutions ban it, workers stay.", "Although United Nations Security Council", domain.Agency, false},
		{"North Korean Workers Flee Border Town", "North Korean Workers Flee Border Town", domain.Organization, false},
		{"Radio Free Asia's Korean Service reported the arrests.", "Korean Service", domain.Agency, false},
		// A town the gazetteer does not know, named by its kind.
		{"The ship docked at the port of Shidao.", "Shidao", domain.City, true},
		{"They hid in the town of Mingyue for a week.", "Mingyue", domain.City, true},
		// A county or province the gazetteer does not know, by its shape.
		{"A farmer in Sohung County was detained.", "Sohung County", domain.Region, true},
		{"Police in Saebyol County arrested two men.", "Saebyol County", domain.Region, true},
		{"Police in Saebyol County arrested two men.", "Saebyol", domain.City, false},
	}
	for _, tt := range tests {
		doc := mustExtract(t, x, tt.text)
		if got := hasEntity(doc, tt.typ, tt.mention); got != tt.want {
			t.Errorf("%q: %s %q found = %v, want %v (entities %v)", tt.text, tt.typ, tt.mention, got, tt.want, doc.Entities)
		}
	}
}

// TestActorNames checks the names of groups: counts and what comes before
// them are left out and a family pair keeps its whole phrase. "The woman"
// is the woman named before, while a woman not named before makes no
// entity, nor does what people are taken for ("not refugees", "rather
// than refugees"), nor a role word that only modifies a thing ("student
// visas"). "A man"
// or "a woman" in apposition, and a person "surnamed" there, are the group
// they describe. A relative's text keeps whose relative it is ("her son").
func TestActorNames(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, mention, want string
	}{
		{"A mother and her son fled across the Yalu River.", "mother and her son", "mother and her son"},
		{"A trade official defected with his wife and teenage son.", "his wife and teenage son", "his wife and teenage son"},
		{"Police detained about 60 North Koreans in Tumen.", "about 60 North Koreans", "North Koreans"},
		{"The two men were flown back to Pyongyang.", "The two men", "men"},
		{"Several hundred North Koreans are held in Chinese jails.", "Several hundred North Koreans", "North Koreans"},
		{"A North Korean woman reached Thailand. The woman had crossed the Tumen River in 2018.", "woman", "North Korean woman"},
		{"A woman crossed the Tumen River in 2018.", "woman", ""},
		{"A UN resolution required member states to send the workers home.", "member states", "member states"},
		{"China treats the escapees as economic migrants, not refugees.", "refugees", ""},
		{"China treats the escapees as economic migrants rather than refugees.", "refugees", ""},
		{"The men entered Russia on student visas.", "student", ""},
		{"The workers' dormitory is next to the worker hostel.", "worker", ""},
		{"The manager, a man in his 50s surnamed Han, was arrested.", "Han", "manager"},
		{"The manager, a man in his 50s surnamed Han, was arrested.", "man", "manager"},
		{"The broker, a woman in her 40s from Musan, was arrested.", "woman", "broker"},
		{"Police arrested a man in Hyesan.", "man", "man"},
		{"Police detained her son in Hyesan.", "her son", "son"},
		{"Police arrested the broker, a man from Musan, and his wife.", "man", "broker"},
	}
	for _, tt := range tests {
		doc := mustExtract(t, x, tt.text)
		got := ""
		for _, e := range doc.Entities {
			for _, m := range e.Mentions {
				if m.Text == tt.mention {
					got = e.Name
				}
			}
		}
		if got != tt.want {
			t.Errorf("%q: name of %q = %q, want %q", tt.text, tt.mention, got, tt.want)
		}
	}
}

// TestIntelligenceAgency checks that a country's intelligence agency named
// by its capital is the service countries.yaml gives for it, one entity
// with that service named in full.
func TestIntelligenceAgency(t *testing.T) {
	x := newTestExtractor(t)
	doc := mustExtract(t, x, "China's Ministry of State Security (MSS) arrested two agents. Beijing's intelligence agency said they were spies.")
	want := "agency:cn:ministry-of-state-security"
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Text == "Beijing's intelligence agency" && e.ID != want {
				t.Errorf("entity of %q = %s, want %s", m.Text, e.ID, want)
			}
			if m.Text == "Beijing's intelligence agency" {
				return
			}
		}
	}
	t.Errorf("no mention %q in %v", "Beijing's intelligence agency", doc.Entities)
}
