// Tasklist lists a filter's tasks in the order chosen in its sorting menu, kept in the page
// address (?sorting=...), and falls back to "created, newest first" - ignoring the filter's own
// order. A reform office works by deadlines: when the address names no sorting, this module sets
// "due date, earliest first". A sorting the user picks stays in the address and is left alone.
const DUE_DATE_FIRST = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);

function sortByDueDateUnlessChosen() {
  const hash = window.location.hash || '';
  if (!hash.startsWith('#/')) {
    return;
  }
  const separator = hash.indexOf('?');
  const path = separator < 0 ? hash.slice(1) : hash.slice(1, separator);
  if (path !== '/') {
    return; // the login page and the like
  }
  const params = new URLSearchParams(separator < 0 ? '' : hash.slice(separator + 1));
  if (params.has('sorting')) {
    return;
  }
  params.set('sorting', DUE_DATE_FIRST);
  window.location.replace('#' + path + '?' + params.toString());
}

window.addEventListener('hashchange', sortByDueDateUnlessChosen);
sortByDueDateUnlessChosen();

export default {};
