import { startHoverFrame } from '@/components/hovercard/frame-app';

startHoverFrame();
