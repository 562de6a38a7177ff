-- lua/tests/aliases.lua: the default aliases merge the spellings of a
-- name into one tag. Run with `morgue test-rules` (docs/rules.md).

local function story(body)
	return "A headline for a test\n\nBy Test Writer\n\n" .. body .. "\n"
end

test("every spelling of Zelensky is one person", function()
	for _, s in ipairs { "Zelensky", "Zelenskiy", "Zelenskyy",
	    "Zelenskyj", "Volodymyr Zelenskiy" } do
		local res = run(story("President " .. s .. " said on Monday " ..
		    "that his government was ready to talk about the future."))
		expect_tag(res, "people", "Volodymyr Zelensky")
		assert(#res.tags.people == 1, s .. ": " ..
		    table.concat(res.tags.people, ", "))
	end
end)

test("Kiev is Kyiv, also in capitals", function()
	local res = run(story("KIEV – Officials in Kiev said on Monday " ..
	    "that the city's power plants were working again."))
	expect_tag(res, "places", "Kyiv")
	expect_no_tag(res, "places", "Kiev")
end)

test("a possessive is the same person", function()
	local res = run(story("Lavrov's remarks came after Sergey Lavrov " ..
	    "met his counterparts in Moscow on Friday morning."))
	expect_tag(res, "people", "Sergei Lavrov")
	expect_tag(res, "places", "Moscow")
end)

test("a spelling never matches across a full stop", function()
	local res = run(story("The delegation left for Black. Sea " ..
	    "levels were not discussed at the meeting on Monday."))
	expect_no_tag(res, "places", "Black Sea")
end)

test("the first mention links to the tag page", function()
	local res = run(story("The OSCE and NATO met. Zelenskiy spoke " ..
	    "first, and Zelensky spoke again later that afternoon."))
	expect_link(res, "Zelenskiy", "people", "Volodymyr Zelensky")
	expect_link(res, "NATO", "organisations", "NATO")
end)
