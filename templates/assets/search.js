/*
 * search.js: the static search of a morgue site. search/index.js sets
 * window.MORGUE_SEARCH to one row per article, [title, href, date,
 * source, "term|term|..."], hrefs from the site root. Loaded with
 * <script> elements, so it works from file:// as well as over HTTP; no
 * request is made. Results are built with textContent, never HTML.
 */
(function () {
	"use strict";

	var rows = window.MORGUE_SEARCH || [];
	var form = document.querySelector("form.search-page");
	var input = document.getElementById("search-q");
	var status = document.getElementById("search-status");
	var list = document.getElementById("search-results");
	var MAX = 100;

	if (!form || !input || !list)
		return;

	function fold(s) {
		return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
		    .toLowerCase();
	}

	var docs = rows.map(function (r) {
		return {
			row: r,
			title: fold(r[0]),
			rest: fold(r[3] + " " + r[4].split("|").join(" "))
		};
	});

	function words(q) {
		return fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
	}

	function score(d, ws) {
		var s = 0, i, w, t, o;

		for (i = 0; i < ws.length; i++) {
			w = ws[i];
			t = d.title.indexOf(w) >= 0;
			o = d.rest.indexOf(w) >= 0;
			if (!t && !o)
				return 0;
			s += (t ? 3 : 0) + (o ? 2 : 0);
		}
		return s;
	}

	function item(r) {
		var li = document.createElement("li");
		var h = document.createElement("h2");
		var a = document.createElement("a");
		var p = document.createElement("p");

		li.className = "card";
		h.className = "card-title";
		a.href = "../" + r[1];
		a.textContent = r[0];
		h.appendChild(a);
		li.appendChild(h);
		p.className = "meta";
		p.textContent = [r[2] || "Undated", r[3]].filter(Boolean)
		    .join(" · ");
		li.appendChild(p);
		if (r[4]) {
			var tags = document.createElement("p");
			tags.className = "summary";
			tags.textContent = r[4].split("|").join(", ");
			li.appendChild(tags);
		}
		return li;
	}

	function run(q) {
		var ws = words(q), hits = [], i, s;

		list.textContent = "";
		if (ws.length === 0) {
			status.textContent = rows.length + " articles to search.";
			return;
		}
		for (i = 0; i < docs.length; i++)
			if ((s = score(docs[i], ws)) > 0)
				hits.push({ s: s, i: i });
		hits.sort(function (x, y) { return y.s - x.s || x.i - y.i; });
		status.textContent = hits.length === 0 ?
		    "No articles match \u201c" + q + "\u201d." :
		    hits.length + (hits.length === 1 ? " article matches " :
		    " articles match ") + "\u201c" + q + "\u201d" +
		    (hits.length > MAX ? "; the first " + MAX + " are shown." :
		    ".");
		for (i = 0; i < hits.length && i < MAX; i++)
			list.appendChild(item(docs[hits[i].i].row));
	}

	var q = new URLSearchParams(window.location.search).get("q") || "";
	input.value = q;
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		run(input.value);
	});
	input.addEventListener("input", function () { run(input.value); });
	run(q);
}());
