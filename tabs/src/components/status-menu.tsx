import { Menu, MenuItem, MenuList, MenuPopover } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { ActionStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useStatusChoices } from './status-choices';

/**
 * The "move to" menu of a board card, mounted only while open: a Fluent Menu on every one of
 * hundreds of cards costs more to render than the whole rest of the card.
 */
export function StatusMenu({ target, current, onPick, onClose }: { target: HTMLElement; current: ActionStatus; onPick: (status: ActionStatus) => void; onClose: () => void }) {
  const { t } = useI18n();
  const choices = useStatusChoices();
  const popover = useRef<HTMLDivElement>(null);
  useEffect(() => {
    popover.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  return (
    <Menu
      open
      positioning={{ target, position: 'below', align: 'end' }}
      onOpenChange={(event, data) => {
        // A click on the button itself toggles the menu; it is no "click outside".
        if (data.type === 'clickOutside' && target.contains(event.target as Node)) return;
        if (!data.open) onClose();
      }}
    >
      <MenuPopover ref={popover}>
        <MenuList>
          {choices
            .filter((c) => c.status !== current)
            .map((c) => (
              <MenuItem key={c.status} onClick={() => onPick(c.status)}>
                {t('board.moveTo', { status: c.name })}
              </MenuItem>
            ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
