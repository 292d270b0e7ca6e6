import { ConvComposer } from '../components/conv-composer/conv-composer.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvComposer.define('conv-composer');
