-- lua/links.lua: inline links and the weights of related stories.
-- The API is in docs/rules.md.

-- The first mention of each person and organisation in the body links
-- to its tag page (people/volodymyr-zelensky/, ...).
link_first_mention { "people", "organisations" }

-- How much a shared feature counts when ranking related stories
-- (threshold: the least share of what two stories are about that they
-- must have in common to be related, 0 to 1).
related_weights {
	people = 30,
	topics = 20,
	organisations = 15,
	places = 10,
	time = 10,
}
