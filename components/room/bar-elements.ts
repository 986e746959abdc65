// The elements of `<vr-room>`'s top and bottom bars, one chunk for the three (components/index.ts loads it for any
// of their tags): a room shows them together, and compressed together they cost 2.4 KB less gzip than three chunks
// (issue 14; BENCHMARKS.md, "Kit size").
import '../live-info/live-info.js';
import '../audience-list/audience-list.js';
import '../like-button/like-button.js';
