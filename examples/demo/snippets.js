// The host's admin page for saved replies (snippets.list, snippets.save, snippets.delete over the
// same client): the team's replies, each to edit or delete, and a form to add one. The composer
// offers them after "/". Only admins may change them: the server tells an agent so.

export function mountSnippets(client) {
  const form = document.getElementById('snippet-settings');
  const list = document.getElementById('snippet-list');
  const status = document.getElementById('snippet-status');
  let editing = null;

  const say = (text) => (status.value = text);
  const reset = () => {
    editing = null;
    form.reset();
    form.elements.save.textContent = 'Add reply';
  };

  async function show() {
    try {
      const { items } = await client.request('snippets.list', {});
      list.replaceChildren(
        ...items.map((snippet) => {
          const item = document.createElement('li');
          const name = document.createElement('span');
          name.textContent = snippet.shortcut ? `${snippet.title} /${snippet.shortcut}` : snippet.title;
          const edit = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Edit', className: 'host-secondary' });
          edit.setAttribute('aria-label', `Edit ${snippet.title}`);
          edit.addEventListener('click', () => {
            editing = snippet.id;
            form.elements.title.value = snippet.title;
            form.elements.shortcut.value = snippet.shortcut ?? '';
            form.elements.body.value = snippet.body;
            form.elements.save.textContent = 'Save changes';
            form.elements.title.focus();
          });
          const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete', className: 'host-secondary' });
          remove.setAttribute('aria-label', `Delete ${snippet.title}`);
          remove.addEventListener('click', async () => {
            try {
              await client.request('snippets.delete', { id: snippet.id });
              say(`Deleted ${snippet.title}`);
              if (editing === snippet.id) reset();
              await show();
            } catch (error) {
              say(`Not deleted: ${error.message}`);
            }
          });
          item.append(name, ' ', edit, ' ', remove);
          return item;
        }),
      );
      if (items.length === 0) list.textContent = 'No saved replies yet.';
    } catch (error) {
      say(`Could not load the saved replies: ${error.message}`);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const shortcut = form.elements.shortcut.value.trim();
    say('Saving…');
    try {
      const saved = await client.request('snippets.save', {
        ...(editing ? { id: editing } : {}),
        title: form.elements.title.value,
        shortcut: shortcut || null,
        body: form.elements.body.value,
      });
      say(`Saved ${saved.title}`);
      reset();
      await show();
    } catch (error) {
      say(`Not saved: ${error.message}`);
    }
  });
  form.elements.cancel.addEventListener('click', () => {
    reset();
    say('');
  });
  form.closest('details').addEventListener('toggle', (event) => event.target.open && void show());
}
