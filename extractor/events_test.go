package extractor

import (
	"strings"
	"testing"

	"eventgraph/domain"
)

// lastArg returns the last argument in role of the events of type typ
// whose sentence contains sentence (the zero argument when none), and
// whether there was such an event.
func lastArg(doc domain.Document, typ domain.EventType, sentence string, role domain.Role) (got domain.Argument, seen bool) {
	for _, ev := range doc.Events {
		if ev.Type != typ || !strings.Contains(ev.Sentence.Text, sentence) {
			continue
		}
		seen = true
		for _, a := range ev.Arguments {
			if a.Role == role {
				got = a
			}
		}
	}
	return got, seen
}

// argText returns the text of lastArg.
func argText(doc domain.Document, typ domain.EventType, sentence string, role domain.Role) (string, bool) {
	a, seen := lastArg(doc, typ, sentence, role)
	return a.Text, seen
}

// argCase says that the events of a type whose sentence contains sentence
// give role the text want ("" for none).
type argCase struct {
	text, sentence string
	typ            domain.EventType
	role           domain.Role
	want           string
}

// checkArgs extracts each case's text and checks the argument it names.
func checkArgs(t *testing.T, x *Extractor, tests []argCase) {
	t.Helper()
	for _, tt := range tests {
		got, seen := argText(mustExtract(t, x, tt.text), tt.typ, tt.sentence, tt.role)
		if !seen {
			t.Errorf("%q: no %s in %q", tt.text, tt.typ, tt.sentence)
		}
		if got != tt.want {
			t.Errorf("%q: %s %s = %q, want %q", tt.text, tt.typ, tt.role, got, tt.want)
		}
	}
}

// TestCarryDefectors checks that a later "the escape" takes the agent of
// the escape told before, and that nothing is carried when none was told.
func TestCarryDefectors(t *testing.T) {
	checkArgs(t, newTestExtractor(t), []argCase{
		{"Two North Korean seamstresses fled from a factory in Hunchun. Since the escape, guards check the dormitory.", "Since the escape", domain.Defection, domain.Agent, "Two North Korean seamstresses"},
		{"Guards now check the dormitory. Since the escape, nobody may go out.", "Since the escape", domain.Defection, domain.Agent, ""},
		{"Three loggers may try to flee from the camp. Since the escape of a welder, guards check the dormitory.", "Since the escape", domain.Defection, domain.Agent, "welder"},
		{"Two cooks fled from a restaurant in Dandong. A broker had arranged the escape, the source said.", "arranged the escape", domain.Defection, domain.Agent, "Two cooks"},
	})
}

// TestRelativeClausePlace checks that the place of a main clause is not
// the location of an escape told in a relative clause.
func TestRelativeClausePlace(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, want string
	}{
		{"Police arrested nine people in Hyesan for calling relatives who had defected to South Korea.", ""},
		{"Police caught a trader in Hyesan whose sister fled to South Korea in 2015.", ""},
		{"Three workers in Dandong who fled last year were caught.", "Dandong"},
	}
	for _, tt := range tests {
		got, _ := argText(mustExtract(t, x, tt.text), domain.Defection, "", domain.Location)
		if got != tt.want {
			t.Errorf("%q: DEFECTION location = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestGenericCrossingPlace checks that an unnamed crossing or bridge is a
// location of the event it is the scene of.
func TestGenericCrossingPlace(t *testing.T) {
	x := newTestExtractor(t)
	doc := mustExtract(t, x, "Chinese police handed the five women over to North Korean guards at the border crossing.")
	for _, ev := range doc.Events {
		for _, a := range ev.Arguments {
			if ev.Type == domain.Repatriation && a.Role == domain.Location && strings.Contains(a.Text, "border crossing") {
				return
			}
		}
	}
	t.Errorf("no REPATRIATION location 'border crossing' in %v", doc.Events)
}

// TestCarryCaptors checks that a passive repatriation with no sender named
// takes the one authority that caught the people just before, and that
// nothing is carried when the sentence names its own authority, when the
// repatriation is conditional or a recall, or when a receiving body stands
// between.
func TestCarryCaptors(t *testing.T) {
	checkArgs(t, newTestExtractor(t), []argCase{
		{"Chinese police detained a North Korean welder at a bus station in Yanji. He is expected to be handed over to North Korean border guards next week.", "He is expected", domain.Repatriation, domain.Agent, "Chinese police"},
		{"Russian police detained two North Korean loggers in Tynda, and the pair were handed to the consulate.", "the pair were handed", domain.Repatriation, domain.Agent, "Russian police"},
		{"Chinese police detained a North Korean welder in Yanji. Pyongyang said the man was handed over to its border guards.", "the man was handed", domain.Repatriation, domain.Agent, ""},
		{"Chinese police detained ten North Koreans in Yanji. Activists fear they will be tortured if repatriated to North Korea.", "if repatriated", domain.Repatriation, domain.Agent, ""},
		{"Chinese police caught a cook in Dalian and handed her over to the consulate. She was sent home in April.", "She was sent home", domain.Repatriation, domain.Agent, ""},
	})
}

// TestTwoEventsOneSentence checks when two triggers of one type in one
// sentence are two mentions (new people as subject of a clause of their
// own, two dates, two places, two patients) and when they are one (a
// second trigger for the same people, a pronoun, a temporal phrase).
func TestTwoEventsOneSentence(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text string
		typ  domain.EventType
		want int
	}{
		{"Two trade officials defected in Vladivostok, and a restaurant cook also fled in March.", domain.Defection, 2},
		{"A welder was arrested in 2019 and arrested again in 2022.", domain.Arrest, 2},
		{"Police detained four loggers in Tynda and arrested a broker in Khabarovsk.", domain.Arrest, 2},
		{"Three seamen fled from their ship and escaped to South Korea.", domain.Defection, 1},
		{"Three seamen fled from their ship, and they crossed into South Korea by boat.", domain.Defection, 1},
		{"Guards forcibly returned 40 North Koreans, the largest repatriation since the border reopened.", domain.Repatriation, 1},
		{"Informants were planted among the cooks, and the women's phone calls are now recorded.", domain.Surveillance, 2},
		{"A welder who slipped away from a work site in August turned himself in at the South Korean consulate this month.", domain.Defection, 1},
		{"Managers ordered the loggers to hand in 30% of their earnings, on top of an annual quota of 5,000 dollars per team.", domain.QuotaDemand, 2},
		{"Three vendors were fined 50,000 won each, and one of them was sent to a labor training unit for a month.", domain.Punishment, 2},
		{"Three vendors were fined, and they were sent to a labor training unit for a month.", domain.Punishment, 1},
		{"A North Korean soldier assigned to a border guard post in Hyesan deserted his unit and crossed the frozen Yalu River into China.", domain.Defection, 1},
	}
	for _, tt := range tests {
		if got := countEvents(mustExtract(t, x, tt.text), tt.typ); got != tt.want {
			t.Errorf("%q: %d %s mentions, want %d", tt.text, got, tt.typ, tt.want)
		}
	}
}

// TestReferringOrder checks that a noun referring to a quota demand told
// just before is a mention of its own, unless it frames another clause or
// orders something else.
func TestReferringOrder(t *testing.T) {
	x := newTestExtractor(t)
	const lead = "Each branch must send 50,000 dollars to the Party. "
	tests := []struct {
		text string
		want int
	}{
		{lead + "The order came from the head office in Pyongyang.", 2},
		{lead + "Under the order, managers answer for any shortfall.", 1},
		{lead + "The order to watch the workers came later.", 1},
	}
	for _, tt := range tests {
		if got := countEvents(mustExtract(t, x, tt.text), domain.QuotaDemand); got != tt.want {
			t.Errorf("%q: %d quota demands, want %d", tt.text, got, tt.want)
		}
	}
}

// countEvents returns the number of events of type typ in doc.
func countEvents(doc domain.Document, typ domain.EventType) int {
	n := 0
	for _, ev := range doc.Events {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

// TestSecondClausePlace checks that the place of a first clause is not the
// location of an event in a second one joined by ", and".
func TestSecondClausePlace(t *testing.T) {
	x := newTestExtractor(t)
	doc := mustExtract(t, x, "Two trade officials defected in Vladivostok, and a restaurant cook also fled in March.")
	for _, ev := range doc.Events {
		if ev.Trigger.Text != "fled" {
			continue
		}
		for _, a := range ev.Arguments {
			if a.Role == domain.Location {
				t.Errorf("location of %q = %q, want none", ev.Trigger.Text, a.Text)
			}
		}
		return
	}
	t.Errorf("no event with trigger %q in %v", "fled", doc.Events)
}

// TestArgumentSpans checks the extent of arguments: counted time spans,
// the place of a hand-over, approximate counts, the state standing for a
// capital that acts.
func TestArgumentSpans(t *testing.T) {
	checkArgs(t, newTestExtractor(t), []argCase{
		{"She was handed to North Korean guards at the Quanhe crossing two days later and taken to a cell in Rason.", "", domain.Repatriation, domain.Time, "two days later"},
		{"She was handed to North Korean guards at the Quanhe crossing two days later and taken to a cell in Rason.", "", domain.Repatriation, domain.Location, "Quanhe crossing"},
		{"Beijing returned about 60 North Koreans to the North in May.", "", domain.Repatriation, domain.Patient, "about 60 North Koreans"},
		{"Beijing returned about 60 North Koreans to the North in May.", "", domain.Repatriation, domain.Agent, "Beijing"},
		{"The restaurant manager could also be recalled.", "", domain.Repatriation, domain.Patient, "restaurant manager"},
		{"Romania, an EU member, has never sent a North Korean defector back to Pyongyang.", "", domain.Repatriation, domain.Agent, "Romania"},
		{"A welder surnamed Ri fled in May. Pyongyang demanded that the consulate hand Ri over.", "", domain.Repatriation, domain.Patient, "Ri"},
		// A participle with a bare noun after it is active; a give-verb
		// keeps its object in the passive.
		{"Agents tapped phones in Hyesan.", "", domain.Surveillance, domain.Agent, "Agents"},
		{"Smugglers handed heavy sentences in Hyesan.", "", domain.Punishment, domain.Agent, ""},
		// What a group is taken for is not the subject of the verb
		// coordinated after it; a verb saying only that an act goes on is
		// stepped over.
		{"Beijing labels North Koreans who cross without papers as economic migrants, not refugees, and has sent thousands of them home.", "", domain.Repatriation, domain.Agent, "Beijing"},
		{"Chinese authorities classify the escapees as migrants, not refugees, and have kept sending them back.", "", domain.Repatriation, domain.Agent, "Chinese authorities"},
		// A place left ends before a word that tells how it was left.
		{"The deckhand left the freighter unnoticed on the night of Sept. 21.", "", domain.Defection, domain.Origin, "the freighter"},
		// A verb after the sentence's first comma, or after "have since",
		// shares the first clause's subject.
		{"Malaysian authorities have deported 21 North Korean sailors, sending them home on a flight through Beijing.", "", domain.Repatriation, domain.Agent, "Malaysian authorities"},
		{"Chinese police in Dandong have detained the wife of a trade official who was on her way to meet a broker, and have since handed her over to North Korea's Ministry of State Security.", "", domain.Repatriation, domain.Agent, "Chinese police"},
		{"Ryu Hyun-woo, who was acting ambassador in Kuwait, fled to South Korea in 2019.", "", domain.Defection, domain.Agent, "Ryu Hyun-woo"},
		// A month written short does not end a time phrase at its dot.
		{"Police arrested two brokers before Oct. 10.", "", domain.Arrest, domain.Time, "before Oct. 10"},
		{"Traders must deliver 5,000 dollars ahead of the Oct. 10 anniversary.", "", domain.QuotaDemand, domain.Time, "ahead of the Oct. 10 anniversary"},
		// A place named by its kind first: "the Russian city of Kazan".
		{"North Korean workers in the Russian city of Kazan were ordered to pay 100 dollars.", "", domain.QuotaDemand, domain.Location, "Kazan"},
		{"IT workers in Vientiane must remit 4,000 US dollars per person every month to Pyongyang.", "", domain.QuotaDemand, domain.Agent, "Pyongyang"},
		// An owner of people is no participant, the people owned are; an
		// owner of things is.
		{"The soldier's parents were banished to a remote village.", "", domain.Punishment, domain.Patient, "parents"},
		{"Choe's two sons were banished to a remote village.", "", domain.Punishment, domain.Patient, "two sons"},
		{"Police detained the soldier's parents in Hyesan.", "", domain.Arrest, domain.Patient, "parents"},
		{"Anyone found hiding information about a defector's family will be punished.", "", domain.Punishment, domain.Patient, "Anyone"},
		{"Agents now monitor the workers' phones.", "", domain.Surveillance, domain.Patient, "workers"},
		// The one asked to do a first act does the second too.
		{"The embassy asked the Lao police to find him and hand him over.", "", domain.Repatriation, domain.Agent, "Lao police"},
		// A participle coordinated with an irregular passive one is
		// passive: its subject is acted on.
		{"The eleven women were driven to the border crossing and handed over to agents of the MSS.", "", domain.Repatriation, domain.Agent, ""},
		{"The eleven women were driven to the border crossing and handed over to agents of the MSS.", "", domain.Repatriation, domain.Patient, "eleven women"},
		// "each" or "both" between the auxiliary and the verb.
		{"The deputy and the accountant were each sentenced to 15 years.", "", domain.Punishment, domain.Patient, "deputy and the accountant"},
		{"The deputy and the accountant were each sentenced to 15 years.", "", domain.Punishment, domain.Agent, ""},
		// "They" opening a sentence stands for the body that was the
		// subject before, unless it is acted on.
		{"Chinese police have stepped up patrols. They have also arrested dozens of North Koreans.", "They have also arrested", domain.Arrest, domain.Agent, "They"},
		{"Chinese police caught two women in May. They were handed over to the MSS in June.", "They were handed over", domain.Repatriation, domain.Patient, "They"},
		// A lone woman is a participant, though no group entity.
		{"The woman was dragged out of her home by MSS agents at dawn.", "", domain.Arrest, domain.Patient, "woman"},
		{"After their escape, the MSS arrested the woman's brother.", "", domain.Arrest, domain.Patient, "brother"},
		// One participant fills one role when two triggers merge.
		{"The trader was sentenced to ten years in a political prison camp.", "", domain.Punishment, domain.Agent, ""},
		{"The trader was sentenced to ten years in a political prison camp.", "", domain.Punishment, domain.Patient, "trader"},
		// A North Korean hometown after the people is a defector's origin,
		// not where a returnee was sent from; a town abroad there is.
		{"Chinese police sent back a family of three from Musan last week.", "sent back", domain.Repatriation, domain.Origin, ""},
		{"One woman in her 50s from Hyesan was sent back in May.", "sent back", domain.Repatriation, domain.Origin, ""},
		// What a crossing verb or "across" crosses is where the escape
		// happened: a river, a border, a fence, never the words after it.
		{"Three privates waded across the river near their post at night.", "", domain.Defection, domain.Location, "the river"},
		{"Two cooks slipped over the border fence before dawn.", "", domain.Defection, domain.Location, "the border fence"},
		{"Soldiers fleeing across the border remain rare.", "", domain.Defection, domain.Location, "the border"},
		{"The porter walked across the western stretch of the frontier near Kaesong.", "", domain.Defection, domain.Location, "the western stretch of the frontier"},
		{"The cook crossed into China in May.", "", domain.Defection, domain.Location, ""},
		// The place named right after a quota's payers is where they work
		// or live, its location.
		{"Officials told vendors at two of Chongjin's busiest markets to pay 3,000 won each.", "", domain.QuotaDemand, domain.Location, "Chongjin"},
		{"Every household in the district must deliver 10 kilograms of maize.", "", domain.QuotaDemand, domain.Location, "the district"},
		{"Households in the town's eastern districts were told to pay 2,000 won.", "", domain.QuotaDemand, domain.Location, "the town's eastern districts"},
		{"Households in May were told to pay 2,000 won.", "", domain.QuotaDemand, domain.Location, ""},
		{"A family of four from Hoeryong escaped across the Tumen River in June.", "escaped", domain.Defection, domain.Origin, "Hoeryong"},
		{"Police sent back eight workers from Dandong last week.", "sent back", domain.Repatriation, domain.Origin, "Dandong"},
		// Nor is a place in North Korea where a defector went: "to North
		// Korea" there belongs to the return coordinated with the flight.
		{"Loggers who run away are usually caught and returned to North Korea.", "run away", domain.Defection, domain.Destination, ""},
		{"Two loggers ran away to Vladivostok in May.", "ran away", domain.Defection, domain.Destination, "Vladivostok"},
		// "the six" or "all eleven" standing alone is a group named before,
		// and an abbreviation's stop ("Nov. 15") does not cut a gap.
		{"Six women were caught in Antu. The six were driven to Tumen on Nov. 15 and handed to North Korean border guards.", "The six", domain.Repatriation, domain.Patient, "The six"},
		{"Seven workers fled. Police caught the seven in Yanji.", "Police caught", domain.Arrest, domain.Patient, "the seven"},
		{"Four smugglers were caught. The other two were sent to a labor training camp.", "labor training camp", domain.Punishment, domain.Patient, "The other two"},
		{"Three loggers fled to Russia. So far the Russian side has not handed the three over.", "handed", domain.Repatriation, domain.Patient, "the three"},
		{"Police detained the two men in Yanji.", "detained", domain.Arrest, domain.Patient, "the two men"},
		// An event with no place of its own takes the town named with its
		// people; a return's origin is never in North Korea.
		{"Sinuiju factory workers were ordered to pay 5,000 won a month.", "", domain.QuotaDemand, domain.Location, "Sinuiju"},
		{"Hyesan residents were arrested for using Chinese phones.", "", domain.Arrest, domain.Location, "Hyesan"},
		{"Factory workers in Sinuiju were ordered to pay 5,000 won a month in Hyesan.", "", domain.QuotaDemand, domain.Location, "Hyesan"},
		{"The counselor has been recalled, and his wife in Pyongyang was questioned.", "recalled", domain.Repatriation, domain.Origin, ""},
		{"North Korea has recalled all of its students in Kazan.", "", domain.Repatriation, domain.Origin, "Kazan"},
		// A word for what befell a counted group keeps the group whole.
		{"Police arrested three missing North Korean workers.", "", domain.Arrest, domain.Patient, "three missing North Korean workers"},
		{"Japan returns four drifting N. Korean fishermen via China", "", domain.Repatriation, domain.Patient, "four drifting N. Korean fishermen"},
		// A country that sends people back is where they are sent from.
		{"Mongolia deported five North Korean workers in May.", "", domain.Repatriation, domain.Origin, "Mongolia"},
		{"North Korea sent the workers back to Russia.", "", domain.Repatriation, domain.Origin, ""},
		// "asked someone how to": the one who asks is the actor.
		{"The foreman had asked a Polish co-worker how to apply for asylum.", "", domain.Defection, domain.Agent, "foreman"},
		// A bound on a count does not hide the group from a trigger.
		{"Pyongyang had recalled at least a dozen diplomats.", "", domain.Repatriation, domain.Patient, "dozen diplomats"},
		// A count may be a range.
		{"Police arrested 10 to 20 North Korean traders.", "", domain.Arrest, domain.Patient, "10 to 20 North Korean traders"},
		{"Police arrested between 10 and 20 North Korean traders.", "", domain.Arrest, domain.Patient, "between 10 and 20 North Korean traders"},
		// A place named by its kind before its name: "the border city of".
		{"A trade official in the border city of Dandong disappeared last month.", "", domain.Defection, domain.Location, "Dandong"},
		{"Police arrested six escapees in the northeastern Chinese city of Shenyang.", "", domain.Arrest, domain.Location, "Shenyang"},
		{"A trade official in the city of Dalian disappeared last month.", "", domain.Defection, domain.Location, "Dalian"},
		// A group joined with "and" and a possessive takes part too.
		{"In 2016, twelve waitresses and their manager defected to Seoul.", "defected", domain.Defection, domain.Agent, "twelve waitresses and their manager"},
		// A relative clause after the kin of a group is about the group.
		{"Police questioned relatives of the residents who crossed with his help.", "crossed", domain.Defection, domain.Agent, "residents"},
		{"Families of officials who have defected are sent to camps.", "defected", domain.Defection, domain.Agent, "officials"},
		// "after" with a clause and no date tells a cause, not a time.
		{"Two waitresses were sent home after a colleague vanished from the restaurant.", "", domain.Repatriation, domain.Time, ""},
		{"The team was recalled after its leader was caught selling cars.", "", domain.Repatriation, domain.Time, ""},
		{"Three officials defected after the summit in Hanoi.", "", domain.Defection, domain.Time, "after the summit in Hanoi"},
		{"The cook fled after finishing a night shift on March 24.", "", domain.Defection, domain.Time, "after finishing a night shift on March 24"},
		{"He will be deported after several months in custody.", "", domain.Repatriation, domain.Time, "after several months in custody"},
	})
}

// TestAmounts checks the structured amount of a quota demand: ranges,
// currencies before and after the number, scales and periods.
func TestAmounts(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text string
		want domain.Amount
	}{
		{"Traders must earn around 700,000 to one million US dollars per year for the Party.", domain.Amount{Min: 700000, Max: 1000000, Currency: "USD", Period: "year"}},
		{"The restaurant has to send between 8,000 and 10,000 US dollars a month.", domain.Amount{Min: 8000, Max: 10000, Currency: "USD", Period: "month"}},
		{"Workers in Russia were ordered to pay $70 in cash per person.", domain.Amount{Min: 70, Max: 70, Currency: "USD", Period: "person"}},
		{"Each worker must hand over 500 Chinese yuan to the Party.", domain.Amount{Min: 500, Max: 500, Currency: "CNY"}},
	}
	for _, tt := range tests {
		a, _ := lastArg(mustExtract(t, x, tt.text), domain.QuotaDemand, "", domain.AmountRole)
		if a.Amount == nil || *a.Amount != tt.want {
			t.Errorf("%q: amount = %+v, want %+v", tt.text, a.Amount, tt.want)
		}
	}
}

// TestAmountTexts checks amounts with no structured sum: goods handed
// over in kind, and a share of pay named before a passive trigger.
func TestAmountTexts(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, want string
	}{
		{"Each family must also give 2 kilograms of rice a month to the army unit.", "2 kilograms of rice a month"},
		{"Every team must deliver 50 kilograms of scrap metal to the district Party committee by April.", "50 kilograms of scrap metal"},
		{"Welders have had more than half of their monthly wages held back as plan money since July.", "more than half of their monthly wages"},
	}
	for _, tt := range tests {
		a, ok := lastArg(mustExtract(t, x, tt.text), domain.QuotaDemand, "", domain.AmountRole)
		if !ok || a.Text != tt.want || a.Amount != nil {
			t.Errorf("%q: amount = %q (%+v), want %q with no structured sum", tt.text, a.Text, a.Amount, tt.want)
		}
	}
}

// TestUnpaidReference checks that not paying after a quota was told is
// the quota again, but wages not paid to workers are not.
func TestUnpaidReference(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, sentence string
		want           bool
	}{
		{"Each family must give 3,000 won a month to the unit. The officers keep a list of families who have not paid.", "have not paid", true},
		{"Each worker must send 300 dollars a month to the Party. The company has not paid the workers since June.", "has not paid", false},
		{"Each worker must send 300 dollars a month to the Party. Wages for May were never paid out.", "never paid", false},
	}
	for _, tt := range tests {
		_, got := lastArg(mustExtract(t, x, tt.text), domain.QuotaDemand, tt.sentence, domain.Patient)
		if got != tt.want {
			t.Errorf("%q: QUOTA_DEMAND in %q = %v, want %v", tt.text, tt.sentence, got, tt.want)
		}
	}
}

// TestNeuterPronoun checks that "it" acting stands for the body or
// country named before, and that an empty "it" stands for nothing.
func TestNeuterPronoun(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text, sentence string
		typ            domain.EventType
		want           string // entity id of the agent, "" for none
	}{
		{"Laos has usually let defectors go on their way, but it sent nine young North Koreans back in 2013.", "sent nine", domain.Repatriation, "country:la"},
		{"Beijing insists that North Koreans without papers are illegal migrants, and it routinely sends them back.", "sends them back", domain.Repatriation, "agency:cn:authorities"},
		{"It is unclear whether the police sent the workers back.", "sent the workers back", domain.Repatriation, ""},
		{"The new rules make it impossible for workers to flee.", "flee", domain.Defection, ""},
	}
	for _, tt := range tests {
		a, seen := lastArg(mustExtract(t, x, tt.text), tt.typ, tt.sentence, domain.Agent)
		if !seen {
			t.Errorf("%q: no %s", tt.text, tt.typ)
		}
		if tt.want == "" && a.Text == "it" || tt.want != "" && a.Entity != tt.want {
			t.Errorf("%q: agent = %q (%s), want entity %q", tt.text, a.Text, a.Entity, tt.want)
		}
	}
}
