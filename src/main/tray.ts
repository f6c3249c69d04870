// The tray icon: the app lives on while the hub serves the office, even with its windows closed.
import { Menu, Tray, nativeImage } from 'electron';

export interface TrayActions {
  openCounter(): void;
  openDisplay(): void;
  openSettings(): void;
  exportDiagnostics(): void;
  toggleStartOnLogin(enabled: boolean): void;
  quit(): void;
}

export function createTray(iconFile: string, state: { startOnLogin: boolean; subtitle: string; hasCounter: boolean }, actions: TrayActions): Tray {
  const image = nativeImage.createFromPath(iconFile).resize({ width: 16, height: 16 });
  const tray = new Tray(image);
  tray.setToolTip(`MotCua – ${state.subtitle}`);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: state.subtitle, enabled: false },
      { type: 'separator' },
      { label: 'Mở cửa sổ quầy', enabled: state.hasCounter, click: actions.openCounter },
      { label: 'Mở màn hình chờ', click: actions.openDisplay },
      { label: 'Cài đặt…', click: actions.openSettings },
      { label: 'Xuất chẩn đoán…', click: actions.exportDiagnostics },
      { label: 'Khởi động cùng máy', type: 'checkbox', checked: state.startOnLogin, click: (item) => actions.toggleStartOnLogin(item.checked) },
      { type: 'separator' },
      { label: 'Thoát', click: actions.quit },
    ]),
  );
  tray.on('click', actions.openCounter);
  return tray;
}
