// The browser tab names the product, not "Camunda Admin". Loaded through config.js customScripts
// before the app starts, so pages that add their own title (" | 仪表板") build on this one.
document.title = '改革任务督办平台｜系统管理';

export default {};
