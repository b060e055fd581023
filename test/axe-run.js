/* Injected by test/browser.sh after axe.min.js: run axe-core on the page
 * and put its violations, as JSON, in a <pre id="axe-result"> that
 * chromium --dump-dom prints. */
axe.run(document, { resultTypes: ["violations"] }).then(function (r) {
	var p = document.createElement("pre");
	p.id = "axe-result";
	p.textContent = "AXE " + JSON.stringify(r.violations.map(function (v) {
		return { id: v.id, impact: v.impact, nodes: v.nodes.length,
		         targets: v.nodes.slice(0, 3).map(function (n) {
		             return n.target.join(" ") + " " + (n.failureSummary || "").slice(0, 160);
		         }) };
	})) + " END";
	document.body.appendChild(p);
}, function (e) {
	var p = document.createElement("pre");
	p.id = "axe-result";
	p.textContent = "AXE-ERROR " + e + " END";
	document.body.appendChild(p);
});
