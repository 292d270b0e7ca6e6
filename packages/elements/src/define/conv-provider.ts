import { ConvProvider } from '../components/conv-provider/conv-provider.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvProvider.define('conv-provider');
