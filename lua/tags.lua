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

-- {==== New names: runs of capitalised words that no spelling covers,
-- typed by evidence (docs/rules.md, "names"): the gazetteers, the word
-- a name ends with, the words around it, its shape; the others are
-- people when they are two words or more, and dropped when nothing
-- says what a single word is.

names {
	kind = "people",
	min = 1, max = 4,
	-- words that never belong to a name
	stop = {
		"The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of",
		"For", "To", "From", "By", "With", "As", "After", "Before",
		"If", "When", "While", "Since", "It", "He", "She", "We",
		"They", "This", "That", "These", "Those", "His", "Her", "Its",
		"Their", "Our", "I", "You", "My", "Your", "Us", "Not", "No",
		"Yes", "All", "Some", "There", "Here", "What", "Who", "How",
		"Why", "Where", "Which", "Also", "Then", "Now", "So", "Is",
		"Are", "Was", "Were", "Be", "Has", "Have", "Had", "Will",
		"Would", "Can", "Could", "Should", "May", "Might", "Must",
		"Do", "Does", "Did", "Said", "Says", "More", "Most",
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday", "January", "February", "March", "April",
		"June", "July", "August", "September", "October",
		"November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Related", "Share", "Next", "Story", "Post", "Photo", "Read",
		"Original", "Advertisement", "Updated", "Published", "People",
		"According", "Officials", "Analysts", "Cold", "War", "World",
		"Home", "About", "Contact", "Privacy", "Policy", "Cookie",
		"Cookies", "Terms", "Subscribe", "Sign", "Login", "Log",
		"Menu", "Search", "More", "Latest", "Top", "Video", "Videos",
		"Newsletter", "Copyright", "Rights", "Reserved", "Click",
		"Follow", "Comments", "Comment", "Skip", "Content",
		"Tel", "Fax",
		"During", "Under", "Despite", "Among", "Although", "Because",
		"Until", "Without", "Against", "Between", "Through", "Over",
		"Into", "Like", "Unlike", "Following", "Including",
		"Meanwhile", "However", "Both", "Each", "Every", "Many",
		"Several", "Other", "Others", "Only", "Even", "Last",
		"Earlier", "Later", "Once", "Just", "Still", "Yet",
		"Instead", "Besides", "Asked", "Though", "Whether", "Unless",
		"Within", "Toward", "Towards", "Around", "Along", "Amid",
		"Above", "Below", "Upon", "Per", "Except", "Such", "Any",
		"Another", "Every", "Neither", "Nor", "Either", "Let",
		"Thank", "Thanks", "Please", "Total", "Data", "Source",
		"Sources", "Prices", "Price", "Note", "Notes", "Hence",
		"Thus", "Therefore", "Indeed", "Perhaps", "Maybe",
	},
	-- titles dropped from the front of a name, and evidence of a person
	titles = {
		"Mr", "Mrs", "Ms", "Dr", "Miss",
		"President", "Prime", "Minister", "Foreign", "Defence",
		"Defense", "Deputy", "Secretary", "State", "Chancellor",
		"Spokesman", "Spokeswoman", "Spokesperson", "General",
		"Supreme", "Leader", "Chief", "Mayor", "Councillor", "Senator",
		"Governor", "King", "Queen", "Pope", "Ambassador", "Envoy",
		"Commander", "Colonel", "Captain", "Judge", "Professor",
		"Sir", "Lord", "Lady", "Kremlin", "White", "House", "Staff",
		"Reporter", "Editor", "Vice", "Premier", "Finance", "Interior",
		"Justice", "Trade", "Economy", "Sheikh", "Prince", "Princess",
		"Archbishop", "Bishop", "Cardinal", "Rev", "Father",
		"Lieutenant", "Major", "Sergeant", "Admiral", "Marshal",
		"Coach", "Manager", "Chairman", "Director", "Executive",
		"Officer", "Rep", "Sen", "Gov", "Gen", "Col", "Capt", "Lt",
		"Saint", "St",
	},
	-- joins name words: "Ludwig van Beethoven"
	particles = {
		"van", "von", "de", "der", "den", "da", "di", "du", "del",
		"della", "la", "le", "al", "el", "bin", "ibn", "dos", "das",
		"ter", "ten", "y",
	},
	-- joins after a word of suffixes: "Bank of ..."
	connectors = { "of", "for" },
	-- languages that capitalise every noun: capitals name nothing
	nouns = { "de", "lb" },
	gazetteers = {
		places = { "countries", "former countries", "subdivisions",
		    "cities" },
	},
	-- no name on their own: "English", as an adjective
	common = { "languages", "words" },
	-- words before and after a name that say what it is
	before = {
		places = { "in", "at", "near", "outside", "inside", "across" },
		-- "the Treasury", "the Giants": people and places rarely
		-- take an article
		organisations = { "the" },
	},
	after = {
		people = { "said", "says", "told", "added", "asked", "wrote" },
		places = { "based" },
		organisations = {
			"news", "agency", "newspaper", "daily", "weekly",
			"magazine", "company", "firm", "club",
			"party", "shares", "stock",
		},
	},
	-- a word in capitals inside ordinary text: "NATO"
	acronyms = "organisations",
	-- names in a row of a table of results: teams
	rows = "organisations",
	-- names ending in a place's name: "Real Madrid"
	placed = "organisations",
	-- the place of a wire dateline: "LONDON 1996-08-30"
	dateline = "places",
	suffixes = {
		-- contests, games and days: neither a person nor a body
		events = {
			"Open", "Cup", "Games", "Olympics", "Olympiad", "Prix",
			"Classic", "Bowl", "Championship", "Championships",
			"Trophy", "Tournament", "Festival", "Marathon", "Rally",
			"Revolution", "Summit", "Expo", "Awards", "Slam", "Day",
		},
		places = {
			"Republic", "Kingdom", "Emirates", "States", "Islands",
			"Sea", "Ocean", "River", "Valley", "Bay", "Gulf",
			"Mountains", "Street", "Square", "Bridge", "Quay",
			"Oblast", "Region", "Province", "City", "Island",
			"Lake", "Mount", "Cape", "Peninsula", "Strait",
			"Canal", "Road", "Avenue", "County", "District",
			"Airport", "Park", "Stadium", "Desert", "Coast",
			"Heights", "Strip", "Town", "Village", "Prison", "Jail",
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
			"Club", "Rovers", "United", "Corp", "Co", "Plc",
			"AG", "SA", "NV", "GmbH", "Federation", "League", "FC",
			"Organisation", "Organization", "Parliament",
			"Assembly", "Congress", "Senate", "Airways", "Motors",
			"Industries", "Securities", "Services", "Systems",
			"Technologies", "Reserve", "Board", "Authority",
			"Service", "Church", "Front", "Movement", "Alliance",
			"Academy", "College", "School", "Hospital", "Museum",
			"Cabinet", "Government", "Bureau", "Agencies",
			"Bancorp", "Trust", "Insurance", "Investments",
			"Capital", "Financial", "International", "Association",
			"Journal", "Television", "TV", "Radio", "Network",
			"Institution", "Centre", "Center", "Society",
			"Brigades", "Guard", "Corps", "Team", "Newsroom",
			"Newsdesk", "Desk",
			-- the legal forms of firms
			"SpA", "Srl", "AB", "ASA", "Oy", "Oyj", "BV", "KK",
			"Bhd", "Pty", "Pte", "LLC", "LLP", "Cos", "Bros",
			"Tbk", "SE", "SAS", "KGaA",
			-- what a firm or a body does
			"Pharmaceuticals", "Pharmaceutical", "Communications",
			"Chemicals", "Chemical", "Electronics", "Electric",
			"Power", "Mining", "Minerals", "Resources", "Petroleum",
			"Foods", "Railways", "Railway", "Shipping", "Cables",
			"Controls", "Enterprises", "Ventures", "Properties",
			"Brewery", "Breweries", "Textiles", "Laboratories",
			"Software", "Media", "Publishing", "Studios",
			"Entertainment", "Hotels", "Construction",
			"Engineering", "Semiconductor", "Instruments",
			"Healthcare", "Utilities", "Bankshares", "Savings",
			"Assurance", "Administration", "Observatory",
			"Zeitung", "Gazette", "Tribune", "Chronicle",
			"Rangers", "Wanderers", "Athletic",
		},
	},
}

-- }====

-- {==== Rules over the whole article

function article(a)
	-- Troops near a border, without the words of the topic: whole
	-- words, so that "borderline" is no border.
	if not a:has("topics", "troop build-up") and
	    a:mentions("border") > 0 and a:mentions("troops") > 0 then
		a:tag("topics", "troop build-up")
	end
	-- The war in Ukraine, where Russia and Ukraine are both named; the
	-- word war on its own (not in "forward" or "warned").
	if a:has("places", "Russia") and a:has("places", "Ukraine") and
	    (a:has("topics", "invasion") or a:mentions("war") > 0) then
		a:tag("topics", "war in Ukraine")
	end
end

-- }====
