// The host's own Vite config for its Svelte page: Svelte needs no setting for custom elements,
// only its plugin (which compiles `<script lang="ts">` too).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({ plugins: [svelte()] });
