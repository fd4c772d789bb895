// Stand-in for react-devtools-core in the bundle: keypol never connects to React DevTools.
export default {connectToDevTools() {}, initialize() {}};
