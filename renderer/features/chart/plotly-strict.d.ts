// plotly's strict bundle is plotly.js-dist-min built so that it makes no code at run time: its WebGL
// traces (scattergl) draw under the window's Content-Security-Policy, which has no 'unsafe-eval'
// (the plain bundle's WebGL layer compiles functions with `new Function`, and under that policy
// shows "WebGL is not supported" instead of the points). It ships without types; they are the
// plain bundle's.
declare module 'plotly.js-strict-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export * from 'plotly.js-dist-min';
  export default Plotly;
}
