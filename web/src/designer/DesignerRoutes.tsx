/** The designer's screens, relative to /designer. */
import { App as AntApp } from 'antd';
import { Route, Routes } from 'react-router-dom';
import './styles.ts';
import { DiffPage } from './diff/DiffPage.tsx';
import { EditorPage } from './editor/EditorPage.tsx';
import { ItemList } from './items/ItemList.tsx';

export default function DesignerRoutes() {
  return (
    <AntApp component={false}>
      <Routes>
        <Route index element={<ItemList />} />
        <Route path="items/:itemCode" element={<EditorPage />} />
        <Route path="items/:itemCode/diff/:a/:b" element={<DiffPage />} />
        <Route path="import" element={<EditorPage />} />
      </Routes>
    </AntApp>
  );
}
