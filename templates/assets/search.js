/*
 * search.js: the full-text search of a morgue site (search/index.html).
 *
 * The index is split into small files (plugin/render/render_search.c)
 * that each call MORGUE_SEARCH_DATA(key, data) when loaded with a
 * <script> element, so that search works from file:// as well as over
 * HTTP, and a visitor downloads only what the query needs: index.js, two
 * word shards per word of the query (a sealed one and one of the newest
 * stories) and one small file per story shown.
 * Words are folded (case, accents) and stemmed as the index was; a story
 * matches when it holds any word of the query. Stories whose title or
 * names hold the words come first, then those with more of the words,
 * then the rarer words, then the newer. Results are built with
 * textContent, never HTML.
 */
(function () {
	"use strict";

	var form = document.querySelector("form.search-page");
	var input = document.getElementById("search-q");
	var status = document.getElementById("search-status");
	var list = document.getElementById("search-results");
	var more = document.getElementById("search-more");
	var PAGE = 10, AROUND = 90;
	var cache = {}, waiting = {}, current = 0, shown = [], query = [];

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

	/* The folding of the index: no accents, lower case. */
	function fold(s) {
		return String(s).normalize("NFD").replace(/\p{M}/gu, "")
		    .toLowerCase().replace(/\u00df/g, "ss").normalize("NFC");
	}

	/* render_search_stem(): the same suffixes off. */
	function stem(w) {
		var n = w.length;
		var ends = function (s) {
			return n >= s.length && w.slice(n - s.length, n) === s;
		};

		if (n > 4 && ends("ies"))
			n -= 2;
		else if (n > 3 && ends("s") && !ends("ss") && !ends("us") &&
		    !ends("is"))
			n--;
		if (n > 5 && ends("ing"))
			n -= 3;
		else if (n > 4 && ends("ed"))
			n -= 2;
		if (n > 3 && (ends("y") || ends("i")))
			n--;
		return w.slice(0, n);
	}

	function words(q) {
		var seen = {};

		return fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
		    .map(stem).filter(function (w) {
			if (seen[w])
				return false;
			seen[w] = true;
			return true;
		});
	}

	/* FNV-1a over the UTF-8 bytes, as render_search.c. */
	function shardOf(w, n) {
		var h = 0x811c9dc5;

		new TextEncoder().encode(w).forEach(function (b) {
			h = Math.imul(h ^ b, 16777619) >>> 0;
		});
		return h % n;
	}

	/* [[story, in title or names], ...] of word w in the shard KEY. */
	function inShard(key, w) {
		return load(key).then(function (sh) {
			var out = [], id = -1;

			if (!sh || !Object.prototype.hasOwnProperty.call(sh, w))
				return out;
			sh[w].split(",").forEach(function (x) {
				var v = parseInt(x, 36);

				id += Math.floor(v / 2);
				out.push([id, v % 2]);
			});
			return out;
		});
	}

	/* The postings of word w: its sealed shard's, then its delta shard's
	 * (the newest stories), when the index has one. */
	function postings(meta, w) {
		var keys = ["w/" + shardOf(w, meta.shards)];

		if (meta.delta > 0)
			keys.push("d/" + shardOf(w, meta.delta));
		return Promise.all(keys.map(function (k) {
			return inShard(k, w);
		})).then(function (parts) {
			return [].concat.apply([], parts);
		});
	}

	function rank(meta, lists) {
		var by = {}, all = [];

		lists.forEach(function (ps) {
			var idf = Math.log(1 + meta.docs / Math.max(1, ps.length));

			ps.forEach(function (p) {
				var e = by[p[0]];

				if (!e) {
					e = by[p[0]] = { id: p[0], names: 0, n: 0, w: 0 };
					all.push(e);
				}
				e.names += p[1];
				e.n++;
				e.w += idf * (p[1] ? 2 : 1);
			});
		});
		return all.sort(function (a, b) {
			return (b.names > 0) - (a.names > 0) || b.n - a.n ||
			    b.names - a.names || b.w - a.w || b.id - a.id;
		});
	}

	/* The words of text with where they are, folded and stemmed. */
	function tokens(text) {
		var re = /[\p{L}\p{N}]+/gu, m, out = [];

		while ((m = re.exec(text)) !== null)
			out.push({ at: m.index, end: m.index + m[0].length,
			    w: stem(fold(m[0])) });
		return out;
	}

	/* A paragraph with the text around the best match, words marked. */
	function snippet(text, ws) {
		var p = document.createElement("p"), toks = tokens(text);
		var hit = function (t) { return ws.indexOf(t.w) >= 0; };
		var best = -1, score = 0, i, j, s, from, to, at;

		for (i = 0; i < toks.length; i++) {
			if (!hit(toks[i]))
				continue;
			/* Words of the query together beat words apart. */
			for (s = 1, j = i + 1; j < toks.length && hit(toks[j]); j++)
				s++;
			if (s > score) {
				score = s;
				best = i;
			}
		}
		p.className = "snippet";
		from = best < 0 ? 0 : Math.max(0, toks[best].at - AROUND);
		to = Math.min(text.length, (best < 0 ? 0 : toks[best].end) +
		    2 * AROUND);
		while (from > 0 && /\S/.test(text[from - 1]))
			from++;
		while (to < text.length && /\S/.test(text[to]))
			to++;
		if (from > 0)
			p.appendChild(document.createTextNode("\u2026 "));
		at = from;
		toks.forEach(function (t) {
			var m;

			if (t.at < from || t.end > to || !hit(t))
				return;
			p.appendChild(document.createTextNode(text.slice(at, t.at)));
			m = document.createElement("mark");
			m.textContent = text.slice(t.at, t.end);
			p.appendChild(m);
			at = t.end;
		});
		p.appendChild(document.createTextNode(text.slice(at, to)));
		if (to < text.length)
			p.appendChild(document.createTextNode(" \u2026"));
		return p;
	}

	function item(row, ws) {
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
		li.appendChild(snippet(row[4] || "", ws));
		return li;
	}

	/* Shows the next PAGE results. */
	function page(token) {
		var next = shown.slice(list.children.length,
		    list.children.length + PAGE);

		return Promise.all(next.map(function (e) {
			return load("a/" + e.id);
		})).then(function (rows) {
			if (token !== current)
				return;
			rows.forEach(function (row) {
				if (row)
					list.appendChild(item(row, query));
			});
			if (more)
				more.hidden = list.children.length >= shown.length;
		});
	}

	function say(q, n) {
		status.textContent = n === 0 ?
		    "No results: no article matches \u201c" + q + "\u201d." :
		    n + (n === 1 ? " story matches \u201c" :
		    " stories match \u201c") + q + "\u201d.";
	}

	function run(q) {
		var token = ++current;
		var ws = words(q);

		load("index").then(function (meta) {
			if (token !== current)
				return null;
			list.textContent = "";
			if (more)
				more.hidden = true;
			if (!meta) {
				status.textContent = "The search index is missing.";
				return null;
			}
			if (ws.length === 0) {
				status.textContent = meta.docs + " stories to search.";
				return null;
			}
			return Promise.all(ws.map(function (w) {
				return postings(meta, w);
			})).then(function (lists) {
				if (token !== current)
					return null;
				shown = rank(meta, lists);
				query = ws;
				say(q, shown.length);
				return page(token);
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
	if (more)
		more.addEventListener("click", function () { page(current); });
	run(q);
}());
