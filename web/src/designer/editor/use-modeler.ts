/**
 * One bpmn-js modeler for the editor. A newly loaded document is imported; a change of language
 * re-creates the modeler (palette and context pad render their labels once) carrying the
 * diagram over as it stands, unsaved edits included.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import { createModeler } from '../modeler/create-modeler.ts';
import { fitBesidePalette } from './fit-diagram.ts';
import type { OrgDepartment } from '../modules/approval-properties/departments.ts';
import type { ImportNotice } from '../modules/import-report/index.ts';
import type { DesignerLocale } from '../modules/translate/index.ts';

export interface ModelerState {
  modeler?: Modeler;
  /** Notices of the last document import (not of a language switch). */
  notices: ImportNotice[];
  importError?: Error;
  dirty: boolean;
  markClean(): void;
}

export function useModeler(canvas: React.RefObject<HTMLDivElement | null>, panel: React.RefObject<HTMLDivElement | null>,
  doc: { key: string; xml: string } | undefined, locale: DesignerLocale, departments: OrgDepartment[] | undefined): ModelerState {
  const [modeler, setModeler] = useState<Modeler>();
  const [notices, setNotices] = useState<ImportNotice[]>([]);
  const [importError, setImportError] = useState<Error>();
  const [dirty, setDirty] = useState(false);
  const current = useRef<{ modeler: Modeler; docKey: string } | undefined>(undefined);

  useEffect(() => {
    if (!doc || !departments || !canvas.current || !panel.current) return;
    let cancelled = false;
    (async () => {
      const previous = current.current;
      const sameDocument = previous?.docKey === doc.key;
      const xml = sameDocument ? (await previous!.modeler.saveXML({ format: true })).xml! : doc.xml;
      // Nothing may render from a destroyed modeler (its canvas has no root any more).
      setModeler(undefined);
      previous?.modeler.destroy();
      current.current = undefined;
      if (cancelled) return;
      const next = createModeler({ container: canvas.current!, propertiesParent: panel.current!, locale, departments });
      current.current = { modeler: next, docKey: doc.key };
      try {
        const { warnings } = await next.importXML(xml);
        if (cancelled) return;
        fitBesidePalette(next.get('canvas'));
        if (!sameDocument) {
          setNotices((next.get('importReport') as any).inspect(warnings));
          setDirty(false);
          setImportError(undefined);
        }
        next.on('commandStack.changed', () => setDirty(true));
        setModeler(next);
      } catch (error) {
        if (!cancelled) setImportError(error as Error);
      }
    })();
    return () => { cancelled = true; };
  }, [doc, locale, departments, canvas, panel]);

  useEffect(() => () => { current.current?.modeler.destroy(); current.current = undefined; }, []);

  return { modeler, notices, importError, dirty, markClean: () => setDirty(false) };
}
