-- lua/tags.lua: topics, the recogniser of new names, and rules that
-- look at the whole article. The API is in docs/rules.md.

-- {==== Topics: a spelling ending in * matches the start of a word.

topic "peace talks" {
	"peace talks", "direct talks", "peace deal", "negotiat*",
	"ceasefire", "cease-fire", "truce", "peace process",
}
topic "troop build-up" {
	"troop build-up", "troop buildup", "military build-up",
	"military buildup", "massing troops", "massed troops",
}
topic "sanctions" { "sanction*", "embargo*", "asset freeze" }
topic "invasion" { "invasion", "invade*" }
topic "annexation" { "annex*" }
topic "war crimes" { "war crime*" }
topic "energy" { "gas supplies", "oil", "natural gas", "energy supplies" }
topic "flood" { "flood*", "high water", "sandbag*" }
topic "strike" { "strike", "strikers", "walkout" }
topic "diplomacy" { "diplomat*", "envoy*" }

-- }====

-- {==== New names: two to four capitalised words that no spelling in
-- aliases.lua covers ("Serhiy Mwangi said"). A name whose last word is
-- a suffix below takes that kind; the others are people.

names {
	kind = "people",
	min = 2, max = 3,
	-- words that never belong to a name
	stop = {
		"The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of",
		"For", "To", "From", "By", "With", "As", "After", "Before",
		"If", "When", "While", "Since", "It", "He", "She", "We",
		"They", "This", "That", "These", "Those", "His", "Her", "Its",
		"Their", "Our", "Mr", "Mrs", "Ms", "Dr",
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday", "January", "February", "March", "April",
		"May", "June", "July", "August", "September", "October",
		"November", "December",
		"Russian", "Ukrainian", "American", "British", "Chinese",
		"European", "Western", "Eastern", "Soviet", "German", "French",
		"Related", "Share", "Next", "Story", "Post", "Photo", "Read",
		"Original", "Advertisement", "Updated", "Published", "People",
		"According", "Officials", "Analysts", "Cold", "War", "World",
	},
	-- titles dropped from the front of a name
	titles = {
		"President", "Prime", "Minister", "Foreign", "Defence",
		"Defense", "Deputy", "Secretary", "State", "Chancellor",
		"Spokesman", "Spokeswoman", "Spokesperson", "General",
		"Supreme", "Leader", "Chief", "Mayor", "Councillor", "Senator",
		"Governor", "King", "Queen", "Pope", "Ambassador", "Envoy",
		"Commander", "Colonel", "Captain", "Judge", "Professor",
		"Sir", "Lord", "Lady", "Kremlin", "White", "House", "Staff",
		"Reporter", "Editor",
	},
	suffixes = {
		places = {
			"Republic", "Kingdom", "Emirates", "States", "Islands",
			"Sea", "Ocean", "River", "Valley", "Bay", "Gulf",
			"Mountains", "Street", "Square", "Bridge", "Quay",
			"Oblast", "Region", "Province", "City", "Island",
		},
		organisations = {
			"Bank", "Council", "Committee", "Ministry", "Agency",
			"Party", "Union", "Court", "Fund", "Institute",
			"University", "Group", "Company", "Corporation", "Inc",
			"Ltd", "Press", "Times", "News", "Post", "Herald",
			"Courier", "Traders", "Telecom", "Airlines", "Forces",
			"Army", "Navy", "Police", "Association", "Exchange",
			"Foundation", "Commission", "Office", "Department",
			"Steel", "Energy", "Oil", "Gas", "Holdings", "Partners",
			"House", "Club", "Rovers", "United",
		},
	},
}

-- }====

-- {==== Rules over the whole article

function article(a)
	local text = a.text
	-- Troops near a border, without the words of the topic. (The
	-- rarer letter first: find looks for the first letter of the word.)
	if not a:has("topics", "troop build-up") and
	    text:find("border", 1, true) and text:find("troops", 1, true) then
		a:tag("topics", "troop build-up")
	end
	-- The war in Ukraine, where Russia and Ukraine are both named; the
	-- word war on its own (%f: not in "forward" or "warned").
	if a:has("places", "Russia") and a:has("places", "Ukraine") and
	    (a:has("topics", "invasion") or text:find("%f[%a][Ww]ar%f[%A]")) then
		a:tag("topics", "war in Ukraine")
	end
end

-- }====
