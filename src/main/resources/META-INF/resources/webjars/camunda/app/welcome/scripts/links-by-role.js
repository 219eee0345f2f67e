// The welcome page's links (config.js) for whom they concern: a link marked `officeOnly` shows only
// to the reform office and the administrators - the users who may open Cockpit (流程监控), which the
// platform grants to exactly them; the others (lead units, leaders) see the links for everyone.
// Until the login is known only the links for everyone show. Loaded through config.js customScripts,
// which run before the app starts.
const ALL = (window.camWelcomeConf.links || []).slice();
const shown = window.camWelcomeConf.links || [];
window.camWelcomeConf.links = shown;

/** authentication: the webapps' {name, authorizedApps}, or null when nobody is logged in. */
function showFor(authentication) {
  const office = !!authentication && (authentication.authorizedApps || []).includes('cockpit');
  shown.splice(0, shown.length, ...ALL.filter((link) => office || !link.officeOnly));
}

showFor(null);

window.angular.module('cam.welcome').run(['$rootScope', ($rootScope) => {
  $rootScope.$on('authentication.changed', (event, authentication) => showFor(authentication));
  showFor($rootScope.authentication);
}]);

export default [];
