// The icons and styles of every element the kit's initial load defines, imported here for one reason: so a bundle holds them
// side by side (the components entry imports this module first, and bundlers place modules in the order they run).
// CSS repeats itself from element to element (the same tokens, properties and values), which gzip turns into short
// back-references, but only within its 32 KB window. Each styles module used to sit next to its element's code, so
// the kit's CSS was spread over ~130 KB of its ~200 KB initial chunk, and most of it could not refer to the rest.
// The same holds for the icon modules' SVG paths. Together, the same CSS and icons cost 0.7 KB less gzip (issue 14,
// `npm run bench size`; BENCHMARKS.md, "Kit size").
//
// An element's styles missing here still work, only cost more; a lazy part's styles (seat/menu.styles.ts,
// audience-list/panel.styles.ts…) must never be listed, or they would join the initial load
// (test/tools/kit-size.test.ts checks the parts' marks). The order is the best of the ones measured; nothing here runs
// code.
import '../room/icons.js';
import '../seat/icons.js';
import '../base/icons.js';
import '../styles/tokens.js';
import '../styles/shared.js';
import '../seat/seat.styles.js';
import '../seat-grid/seat-grid.styles.js';
import '../room/room.styles.js';
