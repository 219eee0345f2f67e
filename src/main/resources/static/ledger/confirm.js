// A confirmation dialog in the page (window.ReformConfirm): what is about to happen, 确定 / 取消.
// Built from elements (the pages' Content-Security-Policy allows no inline script or style); the answer is a
// promise of true (确定) or false (取消, Esc). Used before the office's actions that change a reform task.
(function () {
  'use strict';

  /**
   * @param {string} title    the question, e.g. 确认发起督查？
   * @param {string[]} lines  what will happen, one paragraph each
   * @param {string} okLabel  the confirming button's label (确定 by default)
   */
  function confirmAction(title, lines, okLabel) {
    return new Promise((resolve) => {
      const dialog = document.createElement('dialog');
      dialog.className = 'confirm-dialog';
      dialog.setAttribute('aria-labelledby', 'confirm-title');
      const heading = document.createElement('h3');
      heading.id = 'confirm-title';
      heading.textContent = title;
      dialog.appendChild(heading);
      (lines || []).filter(Boolean).forEach((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        dialog.appendChild(p);
      });
      const buttons = document.createElement('div');
      buttons.className = 'confirm-buttons';
      const ok = document.createElement('button');
      ok.type = 'button';
      ok.className = 'primary confirm-ok';
      ok.textContent = okLabel || '确定';
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'secondary confirm-cancel';
      cancel.textContent = '取消';
      buttons.appendChild(ok);
      buttons.appendChild(cancel);
      dialog.appendChild(buttons);
      let answered = false;
      const answer = (value) => {
        if (answered) return; // a double click on 确定 answers once
        answered = true;
        dialog.close();
        dialog.remove();
        resolve(value);
      };
      ok.addEventListener('click', () => answer(true));
      cancel.addEventListener('click', () => answer(false));
      dialog.addEventListener('cancel', (event) => { event.preventDefault(); answer(false); });
      document.body.appendChild(dialog);
      dialog.showModal();
      cancel.focus(); // Enter alone does not confirm
    });
  }

  window.ReformConfirm = confirmAction;
})();
