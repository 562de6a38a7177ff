-- lua/tests/tags.lua: topics and the recogniser of new names.

local function story(body)
	return "A headline for a test\n\nBy Test Writer\n\n" .. body .. "\n"
end

test("topics from word stems", function()
	local res = run(story("Negotiations resumed on Monday, and the " ..
	    "government announced new sanctions against the oil sector."))
	expect_tag(res, "topics", "peace talks")
	expect_tag(res, "topics", "sanctions")
end)

test("troops at a border make a troop build-up", function()
	local res = run(story("Satellite images show more troops near the " ..
	    "border than at any time this year, analysts said."))
	expect_tag(res, "topics", "troop build-up")
end)

test("a new name appears without a rule", function()
	local res = run(story("Foreign Minister Anja Kessler said on " ..
	    "Monday that the talks would resume. Kessler gave no date."))
	expect_tag(res, "people", "Anja Kessler")
	expect_no_tag(res, "people", "Foreign Minister Anja Kessler")
end)

test("a name ending in Republic is a place", function()
	local res = run(story("Officials in the Vostok Republic said " ..
	    "that the elections would be held in the spring."))
	expect_tag(res, "places", "Vostok Republic")
end)

test("days and months are not names", function()
	local res = run(story("On Monday June the council met again, and " ..
	    "Tuesday March was not mentioned by anyone at all."))
	assert(res.tags.people == nil,
	    table.concat(res.tags.people or {}, ", "))
end)

test("the war in Ukraine needs the word war, not warned", function()
	local res = run(story("Officials in Russia warned Ukraine on " ..
	    "Tuesday that the talks would move forward only slowly."))
	expect_no_tag(res, "topics", "war in Ukraine")
	res = run(story("Officials in Russia said the war in Ukraine " ..
	    "would not end before the talks resumed in the spring."))
	expect_tag(res, "topics", "war in Ukraine")
end)
