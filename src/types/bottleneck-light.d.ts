// bottleneck ships types for its main entry only; its light build (what plugin-throttling uses) has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
