/*
 * search.js: the static search of a morgue site (search/index.html).
 *
 * The index is split into small files (plugin/render_search.c) that each
 * call MORGUE_SEARCH_DATA(key, data) when loaded with a <script> element,
 * so that search works from file:// as well as over HTTP and a visitor
 * downloads only the list of shards, one shard per word of the query and
 * the rows of the articles shown. A word of the query matches the words
 * of titles, names, places, topics and sources that start with it;
 * every word must match. Results are built with textContent, never HTML.
 */
(function () {
	"use strict";

	var form = document.querySelector("form.search-page");
	var input = document.getElementById("search-q");
	var status = document.getElementById("search-status");
	var list = document.getElementById("search-results");
	var MAX = 100;
	var cache = {}, waiting = {}, current = 0;

	if (!form || !input || !list || !status)
		return;

	window.MORGUE_SEARCH_DATA = function (key, data) {
		var fns = waiting[key] || [];

		cache[key] = data;
		delete waiting[key];
		fns.forEach(function (f) { f(data); });
	};

	/* Loads search/KEY.js once; resolves to its data. */
	function load(key) {
		if (Object.prototype.hasOwnProperty.call(cache, key))
			return Promise.resolve(cache[key]);
		return new Promise(function (resolve) {
			var s;

			if (waiting[key]) {
				waiting[key].push(resolve);
				return;
			}
			waiting[key] = [resolve];
			s = document.createElement("script");
			s.src = key + ".js";
			s.onerror = function () {
				window.MORGUE_SEARCH_DATA(key, null);
			};
			document.head.appendChild(s);
		});
	}

	/* The same folding as the index: no accents, lower case. */
	function words(q) {
		return String(q).normalize("NFD").replace(/\p{M}/gu, "")
		    .toLowerCase().replace(/\u00df/g, "ss").normalize("NFC")
		    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
	}

	function shardOf(w) {
		var bytes = new TextEncoder().encode(w).slice(0, 2);

		return Array.prototype.map.call(bytes, function (b) {
			return (b < 16 ? "0" : "") + b.toString(16);
		}).join("");
	}

	/* The ids of the articles with a word that starts with w. */
	function lookup(meta, w) {
		var key = shardOf(w);

		if (meta.shards.indexOf(key) < 0)
			return Promise.resolve([]);
		return load("t/" + key).then(function (shard) {
			var ids = {}, word;

			for (word in shard || {})
				if (word.lastIndexOf(w, 0) === 0)
					shard[word].forEach(function (id) {
						ids[id] = true;
					});
			return Object.keys(ids).map(Number);
		});
	}

	function item(row) {
		var li = document.createElement("li");
		var h = document.createElement("h2");
		var a = document.createElement("a");
		var p = document.createElement("p");

		li.className = "card";
		h.className = "card-title";
		a.href = "../" + row[1];
		a.textContent = row[0];
		h.appendChild(a);
		li.appendChild(h);
		p.className = "meta";
		p.textContent = [row[2] || "Undated", row[3]].filter(Boolean)
		    .join(" \u00b7 ");
		li.appendChild(p);
		return li;
	}

	function show(q, meta, ids, token) {
		var chunks = {}, shown = ids.slice(0, MAX);

		shown.forEach(function (id) {
			chunks[Math.floor(id / meta.chunk)] = true;
		});
		return Promise.all(Object.keys(chunks).map(function (c) {
			return load("d/" + c);
		})).then(function () {
			if (token !== current)
				return;
			list.textContent = "";
			status.textContent = ids.length === 0 ?
			    "No articles match \u201c" + q + "\u201d." :
			    ids.length + (ids.length === 1 ?
			    " article matches \u201c" : " articles match \u201c") +
			    q + "\u201d" + (ids.length > MAX ?
			    "; the newest " + MAX + " are shown." : ".");
			shown.forEach(function (id) {
				var rows = cache["d/" + Math.floor(id / meta.chunk)];

				if (rows)
					list.appendChild(item(rows[id % meta.chunk]));
			});
		});
	}

	function run(q) {
		var token = ++current;
		var ws = words(q);

		load("index").then(function (meta) {
			if (token !== current)
				return null;
			if (!meta) {
				status.textContent = "The search index is missing.";
				return null;
			}
			if (ws.length === 0) {
				list.textContent = "";
				status.textContent = meta.docs + " articles to search.";
				return null;
			}
			return Promise.all(ws.map(function (w) {
				return lookup(meta, w);
			})).then(function (sets) {
				var hits = sets.reduce(function (acc, ids) {
					var keep = {};

					ids.forEach(function (id) { keep[id] = true; });
					return acc.filter(function (id) { return keep[id]; });
				});

				/* Ids are in newest-first order. */
				hits.sort(function (x, y) { return x - y; });
				return show(q, meta, hits, token);
			});
		});
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
