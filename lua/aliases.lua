-- lua/aliases.lua: one canonical name per person, place and organisation,
-- and the other ways articles write it. The API is in docs/rules.md.
--
--   person "Canonical Name" { "Other spelling", "Surname", ... }
--
-- The canonical name is always a spelling too. A spelling with a capital
-- letter matches that case or all capitals (KYIV); several words match
-- across spaces, hyphens and apostrophes, never across a full stop.

-- {==== People

person "Volodymyr Zelensky" {
	"Zelensky", "Zelenskiy", "Zelenskyy", "Zelenskyj", "Zelenski",
	"Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "Volodymyr Zelenskyj",
	"Vladimir Zelensky", "Selenskyj", "Wolodymyr Selenskyj",
}
person "Vladimir Putin" { "Putin", "Vladimir Vladimirovich Putin" }
person "Sergei Lavrov" { "Lavrov", "Sergey Lavrov" }
person "Dmitry Peskov" { "Peskov", "Dmitri Peskov", "Dmitriy Peskov" }
person "Antony Blinken" { "Blinken", "Anthony Blinken", "Tony Blinken" }
person "Dmytro Kuleba" { "Kuleba", "Dmitry Kuleba" }
person "Maria Zakharova" { "Zakharova" }
person "Joe Biden" { "Biden", "Joseph Biden", "Joseph R. Biden" }
person "Xi Jinping" { "Xi" }
person "Boris Johnson" { "Johnson" }
person "Olaf Scholz" { "Scholz" }
person "Emmanuel Macron" { "Macron" }
person "Jens Stoltenberg" { "Stoltenberg" }
person "Recep Tayyip Erdogan" { "Erdogan", "Erdoğan" }
person "Alexander Lukashenko" { "Lukashenko", "Alyaksandr Lukashenka" }
person "Oleh Nikolenko" { "Nikolenko" }
person "Ali Khamenei" { "Khamenei" }
person "Kim Jong Un" { "Kim Jong-un", "Kim Jong-Un" }
person "Donald Trump" { "Trump" }
person "Angela Merkel" { "Merkel" }

-- The people of the bundled example archive (content/).
person "Ilse Draven" { "Draven", "Mayor Draven" }
person "Pieter Anselm" { "Anselm" }
person "Edvin Haldor" { "Haldor" }
person "Leona Vasch" { "Vasch" }
person "Marta Sovik" { "Sovik" }
person "Tomas Reuel" { "Reuel" }
person "Rhea Lint" { "Lint" }
person "Oskar Pell" { "Pell" }
person "Benedikt Orme" { "Orme" }

-- }====

-- {==== Places

place "Kyiv" { "Kiev", "Kyïv" }
place "Moscow" { "Moskva" }
place "Ukraine" { "the Ukraine" }
place "Russia" { "Russian Federation" }
place "United States" { "U.S.", "US", "USA", "United States of America" }
place "United Kingdom" { "UK", "Britain", "Great Britain" }
place "Washington" { }
place "Stockholm" { }
place "Donbas" { "Donbass" }
place "Crimea" { "Crimean peninsula" }
place "Kherson" { }
place "Kharkiv" { "Kharkov" }
place "Odesa" { "Odessa" }
place "Lviv" { "Lvov" }
place "Mariupol" { }
place "Donetsk" { }
place "Luhansk" { "Lugansk" }
place "Belarus" { "Byelorussia" }
place "Minsk" { }
place "Latvia" { }
place "China" { }
place "Europe" { }
place "Black Sea" { }
place "Chernobyl" { "Chornobyl" }
place "Poland" { }
place "Germany" { }
place "France" { }
place "Turkey" { "Türkiye" }
place "Istanbul" { }
place "Czech Republic" { "Czechia" }

-- The example archive.
place "Vellmar" { }
place "Sarn" { "river Sarn", "Sarn river", "Sarn valley", "Sarn Valley" }
place "Karsland" { }
place "Brask Republic" { "Brask" }
place "Orla valley" { "Orla" }
place "Lower Quay" { }
place "Dunholt" { }
place "Kettle Bridge" { }
place "Eastgate" { }
place "Tanners Row" { "Tanners' Row" }
place "Harbour Street" { }
place "Wend" { "river Wend", "Wend valley" }

-- }====

-- {==== Organisations

organisation "NATO" {
	"North Atlantic Treaty Organization",
	"North Atlantic Treaty Organisation", "Nato", "OTAN",
}
organisation "OSCE" {
	"Organization for Security and Co-operation in Europe",
	"Organization for Security and Cooperation in Europe",
	"Organisation for Security and Co-operation in Europe",
}
organisation "the Kremlin" { "Kremlin" }
organisation "European Union" { "EU", "E.U." }
organisation "United Nations" { "UN", "U.N." }
organisation "Council of Europe" { }
organisation "G7" { "Group of Seven" }
organisation "International Criminal Court" { "ICC" }
organisation "Red Cross" {
	"International Committee of the Red Cross", "ICRC",
}
organisation "Armed Forces of Ukraine" { }
organisation "Russian Foreign Ministry" {
	"Russian foreign ministry", "Russia's foreign ministry",
}
organisation "Ukrainian Foreign Ministry" { "Ukrainian foreign ministry" }
organisation "AFP" { "Agence France-Presse" }
organisation "Reuters" { }
organisation "Associated Press" { "AP" }

-- The example archive.
organisation "Meridian Press" { "MP" }
organisation "Vellmar City Council" { "city council", "City Council" }
organisation "Grain Exchange" { }
organisation "Vellmar Transit" { "Transit" }
organisation "Vellmar Rovers" { }
organisation "Saint Brigid school" { "Saint Brigid" }

-- }====
