// The browser tab names the product, not "Camunda Cockpit". Loaded through config.js customScripts
// before the app starts, so pages that add their own title (" | 仪表板") build on this one.
document.title = '改革任务督办平台｜流程监控';

export default {};
