// search_cost.js URL WORDS...: what a visitor downloads to search a built
// morgue site. For each query, a fresh headless Debian chromium
// (playwright-core) opens URL/search/index.html?q=QUERY, waits for the
// results, and adds up the bytes of every response (the page, its style
// and scripts, the index files loaded). Prints one line per query:
//   QUERY BYTES requests N results R
// and exits 1 when a page shows an error or loads nothing.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const [base, ...queries] = process.argv.slice(2);

async function measure(q) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "morgue-cost-"));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu",
		    "--no-first-run", "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	const pending = [];
	let bytes = 0, requests = 0, errors = 0;

	page.on("pageerror", () => errors++);
	page.on("response", (r) => {
		requests++;
		pending.push(r.body().then((b) => { bytes += b.length; },
		    () => {}));
	});
	await page.goto(base.replace(/\/?$/, "/") + "search/index.html?q=" +
	    encodeURIComponent(q), { waitUntil: "load" });
	await page.waitForFunction(() => {
		const s = document.getElementById("search-status");
		return s && /match|No results/.test(s.textContent);
	}, null, { timeout: 60000 });
	await page.waitForLoadState("networkidle");
	await Promise.all(pending);
	const results = await page.locator("#search-results > li").count();
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
	console.log(q + " " + bytes + " requests " + requests + " results " +
	    results);
	return errors === 0 && requests > 0;
}

(async () => {
	let good = true;

	for (const q of queries)
		good = await measure(q) && good;
	process.exit(good ? 0 : 1);
})().catch((e) => {
	console.log("error: " + (e.message || e).split("\n")[0]);
	process.exit(1);
});
