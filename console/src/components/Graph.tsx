import { Chart } from './Chart';

export interface GraphNode { id: string; name: string; note?: string | null; emphasis?: boolean }
export interface GraphEdge { from: string; to: string; label: string }

/** A small relations graph (ECharts' force layout): people by name, each edge named by its relationship. */
export function RelationsGraph({ nodes, edges, label, height = 260 }: { nodes: GraphNode[]; edges: GraphEdge[]; label: string; height?: number }) {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const option = {
    tooltip: {},
    series: [
      {
        type: 'graph',
        layout: 'force',
        force: { repulsion: 400, edgeLength: [140, 200], gravity: 0.1 },
        roam: true,
        nodeScaleRatio: 0,
        left: 60, right: 60, top: 40, bottom: 50,
        symbolSize: 46,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 9,
        label: { show: true, position: 'bottom', formatter: (p: { data: GraphNode }) => (p.data.note ? `${p.data.name}\n${p.data.note}` : p.data.name) },
        edgeLabel: { show: true, formatter: (p: { data: { label: string } }) => p.data.label, fontSize: 12 },
        lineStyle: { width: 2, color: '#555' },
        data: nodes.map((node) => ({ ...node, itemStyle: { color: node.emphasis ? '#b3261e' : '#2f5d8a' } })),
        links: edges.map((edge) => ({ source: index.get(edge.from), target: index.get(edge.to), label: edge.label })),
      },
    ],
  };
  return <Chart option={option} label={label} height={height} />;
}
