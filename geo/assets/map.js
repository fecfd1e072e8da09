/* The incident map's page script (geo.webmap inlines it into the page).
 *
 * One filter state (dates, families, state, outlet, search words, sort) drives
 * everything: the markers (one cluster group for all families when the map is
 * large), the state shading and its class breaks, the list beside the map,
 * the histogram under the time slider, the title and the URL fragment.
 *
 * Article text only ever reaches the page through textContent (or an
 * option's text), never as HTML: it shows as text whatever it contains.
 *
 * Row layout (one array per incident; strings are indices into D.S, -1 none):
 *   0 lat, 1 lon, 2 precision index, 3 family index, 4 type label, 5 place,
 *   6 place kind, 7 state text, 8 [reported dates], 9 ACLED type,
 *   10 casualties text, 11 [outlets], 12 [quote, outlet, article, ...],
 *   13 event id, 14 ISO 3166-2 code, 15 first day (days since 1970-01-01,
 *   -1 unknown), 16 fatalities (-1 unknown); then, left out when zero:
 *   17 days to the last day, 18 dx, 19 dy (pixel offset on the shared-spot ring).
 */
var GeoMap = (function () {
    "use strict";
    var LAT = 0, LON = 1, PR = 2, FAM = 3, TITLE = 4, PLACE = 5, KIND = 6, STATE = 7, REP = 8,
        ACLED = 9, CAS = 10, OUT = 11, EV = 12, ID = 13, ISO = 14, D0 = 15, FATAL = 16,
        LINKS = 17, DLEN = 18, DX = 19, DY = 20;
    var P = ["point", "town", "state", "country"];
    var Z = [1000, 1000, 0, -1000];
    var DAY = 86400000;
    var ROW_HEIGHT = 46;
    /** Below this width (px) the layer control starts folded on a desktop. */
    var WIDE_SCREEN = 1600;
    var groups = {};
    var G = null;

    function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) { e.className = cls; }
        if (text !== undefined && text !== null) { e.textContent = String(text); }
        return e;
    }

    function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

    function dayOf(text) {
        var t = Date.parse(text + "T00:00:00Z");
        return isNaN(t) ? null : Math.round(t / DAY);
    }

    function fold(text) {
        return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    // For the few strings of our own (family names) that go into markup.
    function attr(text) {
        return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;");
    }

    function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

    function plural(n, word) { return thousands(n) + " " + word + (n === 1 ? "" : "s"); }

    function dateText(r) {
        if (r[D0] < 0) { return "unknown"; }
        if (!(r[DLEN] || 0)) { return iso(r[D0]); }
        return iso(r[D0]) + " to " + iso(r[D0] + (r[DLEN] || 0));
    }

    function joinRefs(refs, none) {
        var out = [];
        for (var i = 0; i < refs.length; i++) { out.push(G.S[refs[i]]); }
        return out.length ? out.join(", ") : none;
    }

    function articlesOf(r) {
        var ev = r[EV], out = [], i;
        for (i = 2; i < ev.length; i += 3) {
            if (out.indexOf(ev[i]) < 0) { out.push(ev[i]); }
        }
        return out;
    }

    // -- markers, popups, tooltips ------------------------------------------

    function popupRows(r) {
        var S = G.S;
        var out = [["Place", S[r[PLACE]] + " (" + S[r[KIND]] + ")"], ["State", S[r[STATE]]],
                   ["Date", dateText(r)], ["Reported", joinRefs(r[REP], "unknown")],
                   ["Precision", G.C.ptext[r[PR]]], ["ACLED", S[r[ACLED]]]];
        if (r[CAS] >= 0) { out.push(["Casualties", S[r[CAS]]]); }
        out.push(["Sources", joinRefs(r[OUT], "unknown outlet")]);
        return out;
    }

    function popup(r) {
        var S = G.S, body = el("div", "geo-popup-body"), rows = popupRows(r), i, tr, q;
        body.appendChild(el("h3", "", S[r[TITLE]]));
        var table = el("table");
        for (i = 0; i < rows.length; i++) {
            tr = el("tr");
            tr.appendChild(el("th", "", rows[i][0]));
            tr.appendChild(el("td", "", rows[i][1]));
            table.appendChild(tr);
        }
        body.appendChild(table);
        var ev = r[EV];
        for (i = 0; i < ev.length; i += 3) {
            q = el("blockquote", "geo-evidence", S[ev[i]]);
            q.appendChild(el("cite", "", S[ev[i + 1]] + ", " + S[ev[i + 2]]));
            body.appendChild(q);
        }
        // Links to the source articles: only http(s) addresses, opened apart.
        var links = r[LINKS] || [], a;
        for (i = 0; i < links.length; i += 2) {
            var url = S[links[i + 1]];
            if (url.indexOf("https://") !== 0 && url.indexOf("http://") !== 0) { continue; }
            a = el("a", "geo-link", S[links[i]]);
            a.href = url;
            a.target = "_blank";
            a.rel = "noopener noreferrer";
            body.appendChild(el("div", "geo-link-row")).appendChild(a);
        }
        body.appendChild(el("div", "geo-id", S[r[ID]]));
        return body;
    }

    // What a state-precision record covers: a state, or a named region.
    function wideness(r, strings, stateText) {
        if (P[r[PR]] !== "state") { return ""; }
        return strings[r[KIND]] === "region" ? " (region)" : stateText;
    }

    function tooltip(r) {
        var where = G.S[r[PLACE]] + wideness(r, G.S, " (state)");
        return el("span", "", G.S[r[TITLE]] + ": " + where + ", " + dateText(r));
    }

    // Popups pan clear of the zoom and layer controls: the padding arrays are
    // shared by every popup and updated in place when the layout changes.
    var PAD_TL = [10, 10], PAD_BR = [10, 34];
    function padPopups() {
        if (!G || !G.map) { return; }
        var box = G.map.getContainer().getBoundingClientRect(), top = 10, i, r;
        var ctrls = document.querySelectorAll(".leaflet-top .leaflet-control");
        for (i = 0; i < ctrls.length; i++) {
            r = ctrls[i].getBoundingClientRect();
            if (r.height) { top = Math.max(top, r.bottom - box.top + 8); }
        }
        PAD_TL[1] = Math.min(top, Math.max(10, box.height / 2 - 60));
    }

    function popupOptions() {
        var size = G.map.getSize();
        return {maxWidth: Math.max(200, Math.min(380, size.x - 60)), minWidth: Math.min(240, size.x - 80),
                maxHeight: Math.max(160, Math.min(360, size.y - PAD_TL[1] - PAD_BR[1] - 50)),
                className: "geo-popup", autoPanPaddingTopLeft: PAD_TL, autoPanPaddingBottomRight: PAD_BR};
    }

    function bind(m) {
        if (m.getPopup()) { return; }
        var r = G.rows[m.options.k];
        m.bindPopup(function () { return popup(r); }, popupOptions());
        m.bindTooltip(function () { return tooltip(r); }, {direction: "right"});
    }

    var icons = {};
    function icon(r) {
        var fam = G.C.families[r[FAM]].key, p = P[r[PR]], s = G.C.sizes[p], dx = r[DX] || 0, dy = r[DY] || 0;
        var key = fam + "|" + p + "|" + dx + "|" + dy;
        if (!icons[key]) {
            icons[key] = L.divIcon({
                html: G.D.icons[r[FAM] + "|" + r[PR]], iconSize: [s, s],
                className: "geo-marker geo-marker-" + fam + " geo-precision-" + p,
                iconAnchor: [s / 2 - dx, s / 2 - dy],
                popupAnchor: [dx, dy - s / 2], tooltipAnchor: [dx + s / 2, dy]
            });
        }
        return icons[key];
    }

    // A cluster is a ring of its families' colours, each arc as long as its
    // share, around the count: big corpora show their mix at country zoom.
    function clusterIcon(cluster) {
        var ms = cluster.getAllChildMarkers(), fams = G.C.families, counts = [], i, n = ms.length;
        for (i = 0; i < fams.length; i++) { counts.push(0); }
        for (i = 0; i < n; i++) { counts[G.rows[ms[i].options.k][FAM]]++; }
        var size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 54, c = size / 2, w = 6;
        var rad = c - w / 2 - 1, len = 2 * Math.PI * rad, at = 0, arcs = "", mix = [], title = [];
        for (i = 0; i < fams.length; i++) {
            if (!counts[i]) { continue; }
            var part = len * counts[i] / n;
            arcs += '<circle cx="' + c + '" cy="' + c + '" r="' + rad.toFixed(2) + '" fill="none" stroke="' +
                attr(fams[i].colour) + '" stroke-width="' + w + '" stroke-dasharray="' + part.toFixed(2) + " " +
                (len - part).toFixed(2) + '" stroke-dashoffset="' + (-at).toFixed(2) + '"/>';
            at += part;
            mix.push(fams[i].key + ":" + counts[i]);
            title.push(fams[i].title + ": " + counts[i]);
        }
        var label = n >= 10000 ? Math.round(n / 1000) + "k" : n >= 1000 ? (n / 1000).toFixed(1) + "k" : n;
        var html = '<div class="geo-cluster-ring" data-mix="' + attr(mix.join(",")) + '" title="' +
            attr(title.join("; ")) + '"><svg xmlns="http://www.w3.org/2000/svg" width="' + size +
            '" height="' + size + '" viewBox="0 0 ' + size + " " + size + '">' +
            '<circle cx="' + c + '" cy="' + c + '" r="' + (rad + w / 2).toFixed(2) +
            '" fill="#ffffff" fill-opacity="0.92"/><g transform="rotate(-90 ' + c + " " + c + ')">' +
            arcs + '</g></svg><span>' + label + "</span></div>";
        return L.divIcon({html: html, className: "marker-cluster geo-cluster", iconSize: [size, size]});
    }

    // -- filters --------------------------------------------------------------

    function bins() {
        var lo = Infinity, hi = -Infinity, i, r;
        for (i = 0; i < G.rows.length; i++) {
            r = G.rows[i];
            if (r[D0] < 0) { continue; }
            lo = Math.min(lo, r[D0]);
            hi = Math.max(hi, r[D0] + (r[DLEN] || 0));
        }
        if (lo === Infinity) { return null; }
        var span = hi - lo + 1, units = [1, 7, 14, 28, 91, 364], unit = 1;
        for (i = 0; i < units.length; i++) {
            unit = units[i];
            if (span / unit <= 200) { break; }
        }
        // Weeks and longer start on a Monday (1970-01-01 was a Thursday).
        var first = unit === 1 ? lo : lo - ((lo + 3) % 7);
        return {first: first, unit: unit, n: Math.floor((hi - first) / unit) + 1, lo: lo, hi: hi};
    }

    function binOf(day) {
        var b = Math.floor((day - G.bins.first) / G.bins.unit);
        return Math.max(0, Math.min(G.bins.n - 1, b));
    }

    function rangeDays() {
        var B = G.bins;
        return [Math.max(B.lo, B.first + G.st.from * B.unit),
                Math.min(B.hi, B.first + (G.st.to + 1) * B.unit - 1)];
    }

    function fullRange() { return !G.bins || (G.st.from === 0 && G.st.to === G.bins.n - 1); }

    function haystack(k) {
        var h = G.hay[k];
        if (h === undefined) {
            var r = G.rows[k], S = G.S, parts = [S[r[TITLE]], S[r[PLACE]], S[r[STATE]], S[r[ID]]], i;
            for (i = 0; i < r[OUT].length; i++) { parts.push(S[r[OUT][i]]); }
            for (i = 0; i < r[EV].length; i++) { parts.push(S[r[EV][i]]); }
            h = G.hay[k] = fold(parts.join(" \u0001 "));
        }
        return h;
    }

    // Whether row k passes every filter but the dates.
    function passes(k) {
        var r = G.rows[k], st = G.st, i;
        if (st.off[G.C.families[r[FAM]].key]) { return false; }
        if (st.state && (r[ISO] < 0 || G.S[r[ISO]] !== st.state)) { return false; }
        if (st.outlet) {
            for (i = 0; i < r[OUT].length; i++) { if (G.S[r[OUT][i]] === st.outlet) { break; } }
            if (i === r[OUT].length) { return false; }
        }
        if (st.words.length) {
            var h = haystack(k);
            for (i = 0; i < st.words.length; i++) { if (h.indexOf(st.words[i]) < 0) { return false; } }
        }
        return true;
    }

    function inDates(r, days) {
        if (!days) { return true; }
        return r[D0] >= 0 && r[D0] <= days[1] && r[D0] + (r[DLEN] || 0) >= days[0];
    }

    // -- applying the state ---------------------------------------------------

    function apply() {
        if (G.loading) { G.pending = true; return; }
        var n = G.rows.length, days = fullRange() ? null : rangeDays(), hist = [], vis = [], k, r;
        if (G.bins) { for (k = 0; k < G.bins.n; k++) { hist.push(0); } }
        for (k = 0; k < n; k++) {
            if (!passes(k)) { continue; }
            r = G.rows[k];
            if (G.bins && r[D0] >= 0) { hist[binOf(r[D0])]++; }
            if (inDates(r, days)) { vis.push(k); }
        }
        G.vis = vis;
        showMarkers(vis);
        shadeStates(vis);
        drawHistogram(hist);
        sortList();
        drawList();
        writeTitle(vis, days);
        writeHash();
    }

    function showMarkers(vis) {
        var want = new Uint8Array(G.rows.length), add = [], drop = [], k;
        for (k = 0; k < vis.length; k++) { want[vis[k]] = 1; }
        for (k = 0; k < want.length; k++) {
            if (want[k] && !G.on[k]) { add.push(G.markers[k]); }
            if (!want[k] && G.on[k]) { drop.push(G.markers[k]); }
        }
        G.on = want;
        if (!add.length && !drop.length) { return; }
        var pool = G.pool;
        if (G.clustered) {
            if (drop.length > vis.length) {
                pool.clearLayers();
                add = [];
                for (k = 0; k < vis.length; k++) { add.push(G.markers[vis[k]]); }
            } else if (drop.length) {
                pool.removeLayers(drop);
            }
            if (add.length) {
                G.loading = true;
                pool.addLayers(add);
            }
        } else {
            for (k = 0; k < drop.length; k++) { pool.removeLayer(drop[k]); }
            for (k = 0; k < add.length; k++) { pool.addLayer(add[k]); }
        }
    }

    function loaded(processed, total) {
        if (processed < total) { return; }
        G.loading = false;
        if (G.pending) { G.pending = false; apply(); }
    }

    // Quantile class breaks over the states that have incidents in view.
    function breaks(counts) {
        var v = [], i, k = G.C.fills.length - 1, ups = [];
        for (i in counts) { if (counts[i] > 0) { v.push(counts[i]); } }
        v.sort(function (a, b) { return a - b; });
        if (!v.length) { return []; }
        for (i = 1; i <= k; i++) {
            var up = v[Math.ceil(i * v.length / k) - 1];
            if (!ups.length || up > ups[ups.length - 1]) { ups.push(up); }
        }
        var out = [], lo = v[0];
        for (i = 0; i < ups.length; i++) {
            out.push([lo, ups[i]]);
            lo = ups[i] + 1;
        }
        return out;
    }

    function fillOf(count, classes) {
        if (!count) { return G.C.fills[0]; }
        var fills = G.C.fills, i, step = (fills.length - 1) / classes.length;
        for (i = 0; i < classes.length; i++) {
            if (count <= classes[i][1]) { return fills[Math.round((i + 1) * step)]; }
        }
        return fills[fills.length - 1];
    }

    function shadeStates(vis) {
        var counts = {}, fam = {}, k, r, code;
        for (k = 0; k < vis.length; k++) {
            r = G.rows[vis[k]];
            if (r[ISO] < 0) { continue; }
            code = G.S[r[ISO]];
            counts[code] = (counts[code] || 0) + 1;
            if (!fam[code]) { fam[code] = {}; }
            fam[code][r[FAM]] = (fam[code][r[FAM]] || 0) + 1;
        }
        var classes = breaks(counts);
        G.stateCounts = counts;
        G.stateFams = fam;
        for (code in G.shapes) {
            G.shapes[code].setStyle({fillColor: fillOf(counts[code] || 0, classes)});
        }
        var scale = document.getElementById("geo-scale");
        if (!scale) { return; }
        scale.textContent = "";
        var items = [["0", G.C.fills[0]]];
        for (k = 0; k < classes.length; k++) {
            var c = classes[k];
            items.push([c[0] === c[1] ? String(c[0]) : c[0] + "\u2013" + c[1], fillOf(c[1], classes)]);
        }
        for (k = 0; k < items.length; k++) {
            var span = el("span"), sw = el("i", "swatch");
            sw.style.background = items[k][1];
            span.appendChild(sw);
            span.appendChild(document.createTextNode(items[k][0]));
            scale.appendChild(span);
        }
    }

    function stateTooltip(feature) {
        var code = feature.id, box = el("div"), fams = G.C.families, n = G.stateCounts[code] || 0;
        var head = el("b", "", feature.properties.name);
        box.appendChild(head);
        box.appendChild(document.createTextNode(" (" + code + ")"));
        box.appendChild(el("div", "", plural(n, "incident")));
        var f = G.stateFams[code] || {};
        for (var i = 0; i < fams.length; i++) {
            if (f[i]) { box.appendChild(el("div", "", fams[i].title + ": " + f[i])); }
        }
        return box;
    }

    function highlight(k, on) {
        var r = G.rows[k], m = G.markers[k];
        if (m && m._icon) { L.DomUtil[on ? "addClass" : "removeClass"](m._icon, "geo-hot"); }
        if (P[r[PR]] !== "state" || r[ISO] < 0) { return; }
        var shape = G.shapes[G.S[r[ISO]]];
        if (!shape) { return; }
        if (on) {
            shape.setStyle({weight: 3.5, color: G.C.families[r[FAM]].colour, fillOpacity: 0.9});
            if (G.map.hasLayer(shape)) { shape.bringToFront(); }
        } else {
            shape.setStyle({weight: 0.8, color: "#6f7d86", fillOpacity: 0.7});
        }
    }

    // -- the list -------------------------------------------------------------

    var SORTS = {
        date: function (r) { return r[D0]; },
        type: function (r) { return G.rank(r[TITLE]); },
        place: function (r) { return G.rank(r[PLACE]); },
        state: function (r) { return G.rank(r[STATE]); },
        deaths: function (r) { return r[FATAL]; },
        sources: function (r) { return r[EV].length; }
    };

    function ranker() {
        // Alphabetical rank of every string, computed once: sorting 50,000 rows
        // by integer is much faster than comparing strings.
        var rank = null;
        return function (ref) {
            if (!rank) {
                var order = G.S.map(function (_, i) { return i; }), coll = new Intl.Collator("es");
                order.sort(function (a, b) { return coll.compare(G.S[a], G.S[b]); });
                rank = new Int32Array(G.S.length);
                for (var i = 0; i < order.length; i++) { rank[order[i]] = i; }
            }
            return ref < 0 ? -1 : rank[ref];
        };
    }

    function sortList() {
        var key = SORTS[G.st.sort] || SORTS.date, dir = G.st.dir, rows = G.rows, keys = {}, i;
        for (i = 0; i < G.vis.length; i++) { keys[G.vis[i]] = key(rows[G.vis[i]]); }
        G.vis.sort(function (a, b) { return (keys[a] - keys[b]) * dir || a - b; });
        var heads = document.querySelectorAll(".geo-sort");
        for (i = 0; i < heads.length; i++) {
            var on = heads[i].getAttribute("data-sort") === G.st.sort;
            heads[i].classList.toggle("geo-sorted", on);
            heads[i].setAttribute("aria-sort", on ? (dir > 0 ? "ascending" : "descending") : "none");
        }
    }

    function listRow(k) {
        var r = G.rows[k], S = G.S, fam = G.C.families[r[FAM]], row = el("div", "geo-row");
        row.setAttribute("data-k", k);
        row.setAttribute("role", "button");
        row.tabIndex = 0;
        var a = el("div", "geo-row-a"), dot = el("i", "geo-dot");
        dot.style.background = fam.colour;
        a.appendChild(el("span", "geo-row-date", dateText(r)));
        var type = el("span", "geo-row-type");
        type.appendChild(dot);
        type.appendChild(document.createTextNode(S[r[TITLE]]));
        a.appendChild(type);
        if (r[FATAL] >= 0) { a.appendChild(el("span", "geo-row-deaths", r[FATAL] + " killed")); }
        var b = el("div", "geo-row-b");
        var where = S[r[PLACE]] + wideness(r, S, " (state-wide)");
        b.appendChild(el("span", "geo-row-place", where));
        b.appendChild(el("span", "geo-row-state", r[ISO] >= 0 ? S[r[ISO]] : S[r[STATE]]));
        b.appendChild(el("span", "geo-row-src", joinRefs(r[OUT], "unknown outlet") + " \u00b7 " +
                         plural(articlesOf(r).length, "article")));
        row.appendChild(a);
        row.appendChild(b);
        return row;
    }

    function drawList() {
        var body = G.listBody, spacer = G.listSpacer, n = G.vis.length;
        spacer.style.height = n * ROW_HEIGHT + "px";
        var top = body.scrollTop, h = body.clientHeight || 600;
        var first = Math.max(0, Math.floor(top / ROW_HEIGHT) - 4);
        var last = Math.min(n, Math.ceil((top + h) / ROW_HEIGHT) + 4);
        spacer.textContent = "";
        for (var i = first; i < last; i++) {
            var row = listRow(G.vis[i]);
            row.style.top = i * ROW_HEIGHT + "px";
            spacer.appendChild(row);
        }
        var count = document.getElementById("geo-list-count");
        count.textContent = plural(n, "incident");
        document.getElementById("geo-list-button").textContent = "List (" + thousands(n) + ")";
    }

    function focusRow(k) {
        var m = G.markers[k], done = false;
        bind(m);
        if (document.body.classList.contains("geo-phone")) { toggle("list", false); }
        var open = function () {
            if (done) { return; }
            done = true;
            m.openPopup();
        };
        if (G.clustered) {
            G.pool.zoomToShowLayer(m, open);
        } else {
            G.map.flyTo(m.getLatLng(), Math.max(G.map.getZoom(), 8), {duration: 0.6});
            G.map.once("moveend", open);
        }
        setTimeout(open, 2500);
    }

    // -- time control ---------------------------------------------------------

    function drawHistogram(hist) {
        var svg = G.hist;
        if (!svg || !G.bins) { return; }
        var max = 1, i;
        for (i = 0; i < hist.length; i++) { max = Math.max(max, hist[i]); }
        if (!G.bars) {
            G.bars = [];
            for (i = 0; i < hist.length; i++) {
                var bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
                bar.setAttribute("x", i + 0.08);
                bar.setAttribute("width", 0.84);
                svg.appendChild(bar);
                G.bars.push(bar);
            }
        }
        for (i = 0; i < hist.length; i++) {
            var hgt = hist[i] ? Math.max(4, 100 * hist[i] / max) : 0;
            G.bars[i].setAttribute("y", 100 - hgt);
            G.bars[i].setAttribute("height", hgt);
            G.bars[i].setAttribute("class", i >= G.st.from && i <= G.st.to ? "in" : "out");
        }
        G.fromInput.value = G.st.from;
        G.toInput.value = G.st.to;
        var days = rangeDays(), unit = G.bins.unit;
        var what = unit === 1 ? "day" : unit === 7 ? "week" : unit + "-day period";
        document.getElementById("geo-range-text").textContent =
            iso(days[0]) + " \u2013 " + iso(days[1]) + " (bars: incidents per " + what + ")";
    }

    function onRange(which) {
        var a = parseInt(G.fromInput.value, 10), b = parseInt(G.toInput.value, 10);
        if (a > b) {
            if (which === "from") { b = a; } else { a = b; }
        }
        G.st.from = a;
        G.st.to = b;
        schedule();
    }

    function play() {
        var btn = document.getElementById("geo-play");
        if (G.timer) {
            clearInterval(G.timer);
            G.timer = null;
            btn.textContent = "\u25b6";
            btn.setAttribute("aria-label", "Play through time");
            return;
        }
        var n = G.bins.n, width = G.st.to - G.st.from;
        if (width >= n - 1) { width = Math.max(0, Math.ceil(n / 10) - 1); }
        if (G.st.from + width >= n - 1 || G.st.to >= n - 1) { G.st.from = 0; }
        G.st.to = G.st.from + width;
        btn.textContent = "\u275a\u275a";
        btn.setAttribute("aria-label", "Pause");
        apply();
        G.timer = setInterval(function () {
            if (G.st.to >= n - 1) { play(); return; }
            G.st.from++;
            G.st.to++;
            apply();
        }, G.rows.length > 20000 ? 1400 : 800);
    }

    // -- title, hash, panels --------------------------------------------------

    function writeTitle(vis, days) {
        var arts = {}, n = 0, k, i, a;
        for (k = 0; k < vis.length; k++) {
            a = articlesOf(G.rows[vis[k]]);
            for (i = 0; i < a.length; i++) {
                if (!arts[a[i]]) { arts[a[i]] = 1; n++; }
            }
        }
        var h = document.getElementById("geo-title-h"), p = document.getElementById("geo-title-p");
        if (G.bins) {
            var d = days || [G.bins.lo, G.bins.hi];
            h.textContent = "Incidents in Mexico, " + (d[0] === d[1] ? iso(d[0]) : iso(d[0]) + " to " + iso(d[1]));
        }
        var text = plural(vis.length, "incident") + " from " + plural(n, "article");
        if (vis.length !== G.rows.length) { text += " (of " + thousands(G.rows.length) + ")"; }
        p.textContent = text;
    }

    function writeHash() {
        var st = G.st, q = new URLSearchParams(), off = [];
        if (!fullRange()) {
            var days = rangeDays();
            q.set("from", iso(days[0]));
            q.set("to", iso(days[1]));
        }
        for (var key in st.off) { if (st.off[key]) { off.push(key); } }
        if (off.length) { q.set("off", off.sort().join(",")); }
        if (st.state) { q.set("state", st.state); }
        if (st.outlet) { q.set("outlet", st.outlet); }
        if (st.q) { q.set("q", st.q); }
        if (st.sort !== "date" || st.dir !== -1) { q.set("sort", st.sort + (st.dir > 0 ? "" : "-desc")); }
        var hash = q.toString();
        G.hash = hash;
        if (hash !== location.hash.replace(/^#/, "")) {
            history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
        }
    }

    function readHash() {
        var q = new URLSearchParams(location.hash.replace(/^#/, "")), st = G.st, d;
        if (G.bins) {
            d = dayOf(q.get("from") || "");
            st.from = d === null ? 0 : binOf(d);
            d = dayOf(q.get("to") || "");
            st.to = d === null ? G.bins.n - 1 : binOf(d);
            if (st.from > st.to) { st.to = st.from; }
        }
        st.off = {};
        (q.get("off") || "").split(",").forEach(function (key) { if (key) { st.off[key] = true; } });
        st.state = q.get("state") || "";
        st.outlet = q.get("outlet") || "";
        st.q = q.get("q") || "";
        st.words = fold(st.q).split(/\s+/).filter(Boolean);
        var sort = (q.get("sort") || "date-desc").split("-");
        st.sort = SORTS[sort[0]] ? sort[0] : "date";
        st.dir = sort[1] === "desc" || !q.get("sort") ? -1 : 1;
        G.selState.value = st.state;
        G.selOutlet.value = st.outlet;
        if (G.selState.value !== st.state) { st.state = ""; }
        if (G.selOutlet.value !== st.outlet) { st.outlet = ""; }
        G.search.value = st.q;
        syncFamilies();
    }

    // The family checkboxes of the layer control are the family filter.
    function syncFamilies() {
        G.syncing = true;
        for (var key in groups) {
            if (key === "states") { continue; }
            var on = !G.st.off[key];
            if (on && !G.map.hasLayer(groups[key])) { G.map.addLayer(groups[key]); }
            if (!on && G.map.hasLayer(groups[key])) { G.map.removeLayer(groups[key]); }
        }
        G.syncing = false;
    }

    var timer = null;
    function schedule() {
        clearTimeout(timer);
        timer = setTimeout(apply, G.rows.length > 20000 ? 120 : 0);
    }

    function toggle(panel, force) {
        var cls = "geo-show-" + panel, body = document.body;
        var on = force === undefined ? !body.classList.contains(cls) : force;
        body.classList.toggle(cls, on);
        var btn = document.querySelector('[data-panel="' + panel + '"]');
        if (btn) { btn.setAttribute("aria-expanded", on ? "true" : "false"); }
        layout();
        if (panel === "list" && on) { drawList(); }
    }

    function layout() {
        var head = document.getElementById("geo-header");
        document.documentElement.style.setProperty("--geo-head", head.offsetHeight + "px");
        if (G && G.map) { G.map.invalidateSize({pan: false}); padPopups(); }
    }

    // Fit the incidents (or ``bounds``) in the part of the map no open panel covers.
    function fit(bounds) {
        var box = G.map.getContainer().getBoundingClientRect(), left = 20, right = 20, top = 20;
        var legend = document.getElementById("geo-legend").getBoundingClientRect();
        if (legend.width && box.width > 600) { left = legend.right - box.left + 10; }
        G.map.fitBounds(bounds || G.C.bounds, {paddingTopLeft: [left, top],
                                               paddingBottomRight: [right, 20], maxZoom: 7});
    }

    // The state chosen in the menu is brought into view; none, every incident.
    function fitState(code) {
        var shape = null;
        G.D.states.features.forEach(function (f) { if (f.id === code) { shape = f; } });
        fit(shape ? L.geoJSON(shape).getBounds() : null);
    }

    function fillSelect(select, values) {
        for (var i = 0; i < values.length; i++) {
            var o = document.createElement("option");
            o.value = values[i][0];
            o.text = values[i][1];
            select.appendChild(o);
        }
    }

    function controls() {
        var S = G.S, states = {}, outlets = {}, k, i, r;
        for (k = 0; k < G.rows.length; k++) {
            r = G.rows[k];
            if (r[ISO] >= 0) { states[S[r[ISO]]] = (states[S[r[ISO]]] || 0) + 1; }
            for (i = 0; i < r[OUT].length; i++) { outlets[S[r[OUT][i]]] = (outlets[S[r[OUT][i]]] || 0) + 1; }
        }
        var names = {}, list = [];
        G.D.states.features.forEach(function (f) { names[f.id] = f.properties.name; });
        for (k in states) { list.push([k, (names[k] || k) + " (" + states[k] + ")"]); }
        list.sort(function (a, b) { return a[1] < b[1] ? -1 : 1; });
        fillSelect(G.selState, list);
        list = [];
        for (k in outlets) { list.push([k, k + " (" + outlets[k] + ")"]); }
        list.sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
        fillSelect(G.selOutlet, list);
        G.selState.addEventListener("change", function () {
            G.st.state = G.selState.value;
            apply();
            fitState(G.st.state);
        });
        G.selOutlet.addEventListener("change", function () { G.st.outlet = G.selOutlet.value; apply(); });
        G.search.addEventListener("input", function () {
            G.st.q = G.search.value;
            G.st.words = fold(G.st.q).split(/\s+/).filter(Boolean);
            clearTimeout(G.searchTimer);
            G.searchTimer = setTimeout(apply, 150);
        });
        document.getElementById("geo-reset").addEventListener("click", function () {
            history.replaceState(null, "", location.pathname + location.search);
            readHash();
            apply();
        });
        var heads = document.querySelectorAll(".geo-sort");
        for (i = 0; i < heads.length; i++) {
            heads[i].addEventListener("click", function (e) {
                var key = e.currentTarget.getAttribute("data-sort");
                if (G.st.sort === key) { G.st.dir = -G.st.dir; } else {
                    G.st.sort = key;
                    G.st.dir = key === "date" || key === "deaths" || key === "sources" ? -1 : 1;
                }
                sortList();
                drawList();
                writeHash();
            });
        }
        var panels = document.querySelectorAll("[data-panel]");
        for (i = 0; i < panels.length; i++) {
            panels[i].addEventListener("click", function (e) { toggle(e.currentTarget.getAttribute("data-panel")); });
        }
        G.listBody.addEventListener("scroll", function () {
            if (!G.scrollFrame) {
                G.scrollFrame = requestAnimationFrame(function () { G.scrollFrame = 0; drawList(); });
            }
        });
        var rowOf = function (e) {
            var row = e.target.closest ? e.target.closest(".geo-row") : null;
            return row ? parseInt(row.getAttribute("data-k"), 10) : -1;
        };
        G.listBody.addEventListener("click", function (e) {
            var k = rowOf(e);
            if (k >= 0) { focusRow(k); }
        });
        G.listBody.addEventListener("keydown", function (e) {
            var k = rowOf(e);
            if (k >= 0 && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); focusRow(k); }
        });
        G.listBody.addEventListener("mouseover", function (e) {
            var k = rowOf(e);
            if (k === G.hot) { return; }
            if (G.hot >= 0) { highlight(G.hot, false); }
            G.hot = k;
            if (k >= 0) { highlight(k, true); }
        });
        G.listBody.addEventListener("mouseleave", function () {
            if (G.hot >= 0) { highlight(G.hot, false); }
            G.hot = -1;
        });
        if (G.bins) {
            G.fromInput.max = G.toInput.max = G.bins.n - 1;
            G.fromInput.addEventListener("input", function () { onRange("from"); });
            G.toInput.addEventListener("input", function () { onRange("to"); });
            document.getElementById("geo-play").addEventListener("click", play);
        } else {
            document.getElementById("geo-time").classList.add("geo-no-dates");
        }
        window.addEventListener("resize", layout);
        window.addEventListener("hashchange", function () {
            if (location.hash.replace(/^#/, "") !== G.hash) { readHash(); apply(); }
        });
    }

    // -- entry points ---------------------------------------------------------

    return {
        /** Remember a layer-control group: a family's, or "states". */
        register: function (key, group) { groups[key] = group; },

        /** Draw everything: called once, after the layer control exists. */
        start: function (map, D, C) {
            var phone = window.matchMedia("(max-width: 720px)").matches, k;
            document.body.classList.add(phone ? "geo-phone" : "geo-desktop");
            if (!phone) {
                // The layer control repeats the legend's families with checkboxes:
                // it opens by default only on a screen wide enough for both
                // beside the markers (its *Layers* button opens it anywhere).
                document.body.classList.add("geo-show-legend", "geo-show-filters");
                if (window.innerWidth >= WIDE_SCREEN) { document.body.classList.add("geo-show-layers"); }
            }
            G = {map: map, D: D, S: D.S, C: C, rows: D.rows, hay: [], vis: [], hot: -1, markers: [],
                 clustered: C.clustered, on: new Uint8Array(D.rows.length), st: {off: {}, words: []}};
            G.rank = ranker();
            G.bins = bins();
            G.listBody = document.getElementById("geo-list-body");
            G.listSpacer = document.getElementById("geo-list-rows");
            G.hist = document.getElementById("geo-hist");
            G.fromInput = document.getElementById("geo-from");
            G.toInput = document.getElementById("geo-to");
            G.selState = document.getElementById("geo-state");
            G.selOutlet = document.getElementById("geo-outlet");
            G.search = document.getElementById("geo-search");
            if (G.bins) { G.hist.setAttribute("viewBox", "0 0 " + G.bins.n + " 100"); }
            var buttons = document.querySelectorAll("[data-panel]");
            for (k = 0; k < buttons.length; k++) {
                var name = buttons[k].getAttribute("data-panel");
                buttons[k].setAttribute("aria-expanded",
                    document.body.classList.contains("geo-show-" + name) ? "true" : "false");
            }
            layout();
            fit();

            G.shapes = {};
            var shapes = L.geoJSON(D.states, {
                smoothFactor: 0.5,
                style: function () {
                    return {fillColor: C.fills[0], fillOpacity: 0.7, color: "#6f7d86", weight: 0.8};
                },
                onEachFeature: function (feature, layer) {
                    G.shapes[feature.id] = layer;
                    layer.bindTooltip(function () { return stateTooltip(feature); }, {sticky: true});
                    layer.on("mouseover", function () { layer.setStyle({weight: 2.5, color: "#222222"}); });
                    layer.on("mouseout", function () { layer.setStyle({weight: 0.8, color: "#6f7d86"}); });
                }
            });
            if (groups.states) { groups.states.addLayer(shapes); } else { shapes.addTo(map); }

            for (k = 0; k < G.rows.length; k++) {
                var r = G.rows[k];
                G.markers.push(L.marker([r[LAT], r[LON]], {icon: icon(r), riseOnHover: true,
                                                           zIndexOffset: Z[r[PR]], k: k}));
            }
            if (G.clustered) {
                // Popups and tooltips are bound when first needed: binding tens
                // of thousands up front would slow the first draw.
                G.pool = L.markerClusterGroup({chunkedLoading: true, chunkProgress: loaded,
                                               maxClusterRadius: 50, disableClusteringAtZoom: 13,
                                               showCoverageOnHover: false,
                                               iconCreateFunction: clusterIcon});
            } else {
                G.pool = L.featureGroup();
                for (k = 0; k < G.markers.length; k++) { bind(G.markers[k]); }
            }
            G.pool.on("mouseover", function (e) {
                var m = e.layer;
                if (m && m.options.k !== undefined) {
                    if (!m.getPopup()) { bind(m); m.openTooltip(); }
                    highlight(m.options.k, true);
                }
            });
            G.pool.on("mouseout", function (e) {
                if (e.layer && e.layer.options.k !== undefined) { highlight(e.layer.options.k, false); }
            });
            G.pool.on("click", function (e) {
                var m = e.layer;
                if (m && m.options.k !== undefined && !m.isPopupOpen()) { bind(m); m.openPopup(); }
            });
            G.pool.addTo(map);
            var fam = function (key, on) {
                return function () {
                    if (G.syncing) { return; }
                    G.st.off[key] = !on;
                    apply();
                };
            };
            for (k = 0; k < C.families.length; k++) {
                var key = C.families[k].key;
                if (groups[key]) {
                    groups[key].on("add", fam(key, true));
                    groups[key].on("remove", fam(key, false));
                }
            }
            controls();
            readHash();
            apply();
        },

        /** Small dots marking the true spot at the centre of each marker ring. */
        dots: function (spots, group) {
            for (var i = 0; i < spots.length; i++) {
                L.circleMarker(spots[i], {radius: 3, color: "#222222", weight: 1.2,
                    fill: true, fillColor: "#ffffff", fillOpacity: 1, interactive: false,
                    className: "geo-spot"}).addTo(group);
            }
        },

        /** The page's state, for tests and the console. */
        state: function () {
            return {visible: G.vis.length, hash: G.hash, st: G.st, bins: G.bins,
                    counts: G.stateCounts, loading: !!G.loading};
        },

        /** The zoom, and whether a state's box is in view now (tests). */
        view: function (code) {
            var shape = null;
            G.D.states.features.forEach(function (f) { if (f.id === code) { shape = f; } });
            var box = shape ? L.geoJSON(shape).getBounds() : null;
            return {zoom: G.map.getZoom(), shows: !!box && G.map.getBounds().contains(box)};
        },

        /** The fill of a state's shape now (tests). */
        fill: function (code) { return G.shapes[code] ? G.shapes[code].options.fillColor : null; }
    };
}());
