// The elements of `<vr-room>`'s live view (LIVE_ELEMENTS in live-tags.ts), one chunk for the five (components/index.ts
// loads it for any of their tags): a room shows them together, and compressed together they cost less gzip than a
// chunk each (issue 14; BENCHMARKS.md, "Kit size").
import '../live-info/live-info.js';
import '../audience-list/audience-list.js';
import '../like-button/like-button.js';
import '../barrage/barrage.js';
import '../gift-player/gift-player.js';
