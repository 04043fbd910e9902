import type { Translation } from './types';

/** Places: region names for codes, and the region picker (kecamatan → kelurahan → RW → RT). */
export const regionsId = {
  'region.rwOf': '{rw}, {village}',
  'region.rtOf': '{rt}/{rw}, {village}',
  'region.districtName': 'Kec. {name}',
  'region.codeHint': 'Kode wilayah {code}',
  'regionPicker.level.district': 'Kecamatan',
  'regionPicker.level.village': 'Kelurahan',
  'regionPicker.level.rw': 'RW',
  'regionPicker.level.rt': 'RT',
  'regionPicker.search': 'Cari {level}',
  'regionPicker.placeholder': 'Ketik nama {level}…',
  'regionPicker.chosen': 'Dipilih: {name}',
  'regionPicker.none': 'Tidak ada {level} yang cocok.',
  'regionPicker.results': '{count} hasil',
  'regionPicker.back': 'Ganti {level}',
  'regionPicker.clear': 'Hapus pilihan wilayah',
  'regionPicker.help':
    'Ketik nama, pilih dengan panah atas/bawah dan Enter; setiap pilihan mempersempit ke tingkat berikutnya.',
  'regionPicker.path': 'Wilayah terpilih',
} as const;

export const regionsEn: Translation<typeof regionsId> = {
  'region.rwOf': '{rw}, {village}',
  'region.rtOf': '{rt}/{rw}, {village}',
  'region.districtName': '{name} district',
  'region.codeHint': 'Area code {code}',
  'regionPicker.level.district': 'District (kecamatan)',
  'regionPicker.level.village': 'Village (kelurahan)',
  'regionPicker.level.rw': 'RW',
  'regionPicker.level.rt': 'RT',
  'regionPicker.search': 'Search {level}',
  'regionPicker.placeholder': 'Type a {level} name…',
  'regionPicker.chosen': 'Chosen: {name}',
  'regionPicker.none': 'No {level} matches.',
  'regionPicker.results': '{count} results',
  'regionPicker.back': 'Change {level}',
  'regionPicker.clear': 'Clear the chosen area',
  'regionPicker.help': 'Type a name, pick with the up/down arrows and Enter; each choice narrows to the next level.',
  'regionPicker.path': 'Chosen area',
};
