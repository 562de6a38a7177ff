// browse.js URL SHOTS: walks a built morgue site in headless Debian
// chromium (playwright-core, no browser download) the way a reader would:
// the index, an article, one of its tags, a related story, a search for
// "Lavrov" from the header, then the search page opened with ?q= for a
// word of a body only, a spelling the rules merge into a name, two words
// and a word of no article. Prints `ok NAME` or `FAIL NAME: why` per check (and `skip:`
// lines); any console error, page error, failed request or request that
// leaves the site is a failure. Screenshots go to SHOTS (not committed).
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const [start, shots, label] = process.argv.slice(2);
const local = (u) => u.startsWith("file:") || u.startsWith("http://127.0.0.1:");
let failures = 0;

function ok(name) { console.log("ok " + label + " " + name); }
function fail(name, why) {
	failures++;
	console.log("FAIL " + label + " " + name + ": " + why);
}
async function check(name, fn) {
	try {
		const why = await fn();
		if (why) fail(name, why); else ok(name);
	} catch (e) {
		fail(name, String(e.message || e).split("\n")[0]);
	}
}

async function follow(page, selector) {
	const link = page.locator(selector).first();
	if (await link.count() === 0)
		return null;
	const text = (await link.textContent()).trim();
	await Promise.all([page.waitForLoadState("load"), link.click()]);
	await page.waitForLoadState("load");
	return text;
}

async function main() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "morgue-chromium-"));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu",
		    "--disable-quic", "--no-first-run",
		    "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
		viewport: { width: 1280, height: 900 },
	});
	const problems = [];
	ctx.on("console", (m) => {
		if (m.type() === "error")
			problems.push("console error: " + m.text());
	});
	ctx.on("weberror", (e) => problems.push("page error: " + e.error()));
	ctx.on("requestfailed", (r) => {
		if (local(r.url()))
			problems.push("request failed: " + r.url());
	});
	await ctx.route("**/*", (route) => {
		const u = route.request().url();
		if (local(u))
			return route.continue();
		problems.push("request to the network: " + u);
		return route.abort();
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	const shot = (name) => page.screenshot({
		path: path.join(shots, label + "-" + name + ".png"),
		fullPage: true });

	await check("index", async () => {
		const resp = await page.goto(start, { waitUntil: "load" });
		if (resp && !resp.ok() && !start.startsWith("file:"))
			return "status " + resp.status();
		await shot("index");
		const n = await page.locator("ol.cards > li").count();
		return n > 0 ? "" : "no article on the index";
	});
	let articleUrl = "";
	await check("article", async () => {
		const title = await follow(page, ".card-title a");
		if (title === null)
			return "no article link";
		const h1 = (await page.locator("h1").first().textContent()).trim();
		articleUrl = page.url();
		await shot("article");
		if (h1 !== title)
			return "h1 " + JSON.stringify(h1) + " after following " +
			    JSON.stringify(title);
		const ld = await page.locator('script[type="application/ld+json"]')
		    .first().textContent();
		return JSON.parse(ld)["@type"] === "NewsArticle" ? "" :
		    "no NewsArticle JSON-LD";
	});
	await check("tag page", async () => {
		// A tag of the rules, else the source, which is a term too.
		let tag = await follow(page, ".tags a");
		if (tag === null)
			tag = await follow(page, '.facts a[href*="sources/"]');
		if (tag === null && await follow(page, ".site-nav a[href$='tags/index.html'], .site-footer a[href$='tags/index.html']") !== null &&
		    await follow(page, ".kinds a") !== null)
			tag = await follow(page, ".terms a");
		if (tag === null)
			return "no tag link from " + articleUrl;
		await shot("tag");
		const h1 = (await page.locator("h1").first().textContent()).trim();
		if (h1 !== tag)
			return "h1 " + JSON.stringify(h1) + " for tag " + tag;
		return await page.locator("ol.cards > li").count() > 0 ? "" :
		    "the tag page lists no article";
	});
	await page.goto(articleUrl, { waitUntil: "load" });
	if (await page.locator(".related a").count() === 0) {
		console.log("skip: " + label + " related story: none in this build");
	} else {
		await check("related story", async () => {
			const title = await follow(page, ".related a");
			await shot("related");
			const h1 = (await page.locator("h1").first().textContent())
			    .trim();
			return h1 === title ? "" : "h1 " + JSON.stringify(h1) +
			    " after following " + JSON.stringify(title);
		});
	}
	await check("search Lavrov", async () => {
		await page.fill("#site-q", "Lavrov");
		await Promise.all([page.waitForLoadState("load"),
		    page.press("#site-q", "Enter")]);
		await page.waitForSelector("#search-results li", { timeout: 10000 });
		await shot("search");
		const text = await page.locator("#search-results").textContent();
		return /Lavrov/.test(text) ? "" : "results do not mention Lavrov";
	});
	// Full text: searching from the address, as a link would.
	const searchUrl = (q) => start.replace(/index\.html$/, "") +
	    "search/index.html?q=" + encodeURIComponent(q);
	const results = async (q) => {
		await page.goto(searchUrl(q), { waitUntil: "load" });
		await page.waitForFunction(() => {
			const s = document.getElementById("search-status");
			return s && /match|No results/.test(s.textContent);
		}, null, { timeout: 10000 });
		return page.locator("#search-results > li");
	};
	await check("search a word of the body only", async () => {
		const li = await results("gallery");
		await shot("search-body");
		if (await li.count() === 0)
			return "no result";
		const first = li.first();
		const title = await first.locator(".card-title").textContent();
		const mark = await first.locator(".snippet mark").allTextContents();
		if (!/Lavrov/.test(title))
			return "first result " + JSON.stringify(title);
		return mark.some((m) => /^gallery$/i.test(m)) ? "" :
		    "the snippet marks " + JSON.stringify(mark);
	});
	await check("search a spelling the rules merge", async () => {
		const li = await results("Sergey");
		const text = await li.allTextContents();
		return text.some((t) => /Lavrov to watch/.test(t)) ? "" :
		    "no Lavrov story in " + JSON.stringify(text.slice(0, 3));
	});
	await check("search two words", async () => {
		const li = await results("grain exchange");
		if (await li.count() === 0)
			return "no result";
		const mark = await li.first().locator(".snippet mark")
		    .allTextContents();
		const m = mark.map((x) => x.toLowerCase());
		return m.includes("grain") && m.includes("exchange") ? "" :
		    "the first snippet marks " + JSON.stringify(mark);
	});
	await check("search a word of no article", async () => {
		const li = await results("qwzxvj");
		const status = await page.locator("#search-status").textContent();
		return await li.count() === 0 && /No results/.test(status) ? "" :
		    "status " + JSON.stringify(status);
	});
	await check("dark and narrow", async () => {
		await page.emulateMedia({ colorScheme: "dark" });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(articleUrl, { waitUntil: "load" });
		await shot("article-dark-narrow");
		const w = await page.evaluate(() =>
		    document.documentElement.scrollWidth);
		return w <= 390 ? "" : "page is " + w + "px wide at 390px";
	});
	await check("no console error or network request", async () =>
	    problems.length ? problems.slice(0, 5).join("; ") : "");
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
}

main().then(() => process.exit(failures ? 1 : 0), (e) => {
	console.log("FAIL " + label + " browser: " + (e.message || e).split("\n")[0]);
	process.exit(1);
});
