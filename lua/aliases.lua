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
person "Xi Jinping"
person "Boris Johnson"
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

-- }====
