-- lua/vellmar.lua: the people, places and organisations of the bundled
-- example archive (content/), a world of its own that the default
-- rules know nothing of. site.conf lists this file after the default
-- ones; another site leaves it out. The API is in docs/rules.md.

-- People
person "Ilse Draven" { "Draven", "Mayor Draven" }
person "Pieter Anselm" { "Anselm" }
person "Edvin Haldor" { "Haldor" }
person "Leona Vasch" { "Vasch" }
person "Marta Sovik" { "Sovik" }
person "Tomas Reuel" { "Reuel" }
person "Rhea Lint" { "Lint" }
person "Oskar Pell" { "Pell" }
person "Benedikt Orme" { "Orme" }

-- Places
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

-- Organisations
organisation "Meridian Press" { "MP" }
organisation "Vellmar City Council" { "city council", "City Council" }
organisation "Grain Exchange" { }
organisation "Vellmar Transit" { "Transit" }
organisation "Vellmar Rovers" { }
organisation "Saint Brigid school" { "Saint Brigid" }
